//! Shared pieces of the copydesk fuzz targets: the invariant checker (the very file the
//! integration tests use), an `Arbitrary` options struct built through the public setters,
//! and the article-like text generator of the `article_like` target.
//!
//! Every input type has a `Debug` that prints a runnable repro, so a libFuzzer crash report
//! (`cargo fuzz fmt TARGET ARTIFACT`) can be pasted into a test.

use arbitrary::{Arbitrary, Unstructured};
use copydesk::{Normalization, Options, Parser, Utf8Policy};
use std::fmt;

/// The shared invariant checker: `tests/invariants.rs`, included as is.
#[path = "../../tests/invariants.rs"]
pub mod invariants;

/// Inputs longer than this are rejected by every target (`-max_len` is smaller in CI).
pub const MAX_LEN: usize = 64 * 1024;

/// The input as text, when it is UTF-8 of at most [`MAX_LEN`] bytes: the corpus filter of
/// the targets that take any text (`None` means `Corpus::Reject`).
pub fn text_input(data: &[u8]) -> Option<&str> {
    if data.len() > MAX_LEN {
        return None;
    }
    std::str::from_utf8(data).ok()
}

/// The longest text `article_like` renders: long enough for long lines and repeats, short
/// enough to keep the target fast (it parses each text six times).
pub const ARTICLE_LEN: usize = 8 * 1024;

/// Options chosen by the fuzzer, built through the public setters with capped values.
#[derive(Clone, Copy, Arbitrary)]
pub struct FuzzOptions {
    normalization: u8,
    max_input_bytes: Option<u16>,
    utf8_replace: bool,
    lookback_blocks: Option<u8>,
    max_quote_bytes: Option<u16>,
}

impl FuzzOptions {
    fn normalization(&self) -> Normalization {
        match self.normalization % 3 {
            0 => Normalization::Nfc,
            1 => Normalization::Nfkc,
            _ => Normalization::None,
        }
    }

    fn policy(&self) -> Utf8Policy {
        if self.utf8_replace {
            Utf8Policy::Replace
        } else {
            Utf8Policy::Reject
        }
    }

    /// The options.
    pub fn build(&self) -> Options {
        let mut o = Options::default()
            .with_normalization(self.normalization())
            .with_utf8_policy(self.policy());
        if let Some(max) = self.max_input_bytes {
            o = o.with_max_input_bytes(usize::from(max));
        }
        if let Some(n) = self.lookback_blocks {
            o = o.with_lookback_blocks(usize::from(n % 65));
        }
        if let Some(n) = self.max_quote_bytes {
            o = o.with_max_quote_bytes(usize::from(n));
        }
        o
    }

    /// The parser.
    pub fn parser(&self) -> Parser {
        Parser::new(self.build())
    }
}

impl fmt::Debug for FuzzOptions {
    /// Rust source that builds the same options.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "copydesk::Options::default().with_normalization(copydesk::Normalization::{:?}).with_utf8_policy(copydesk::Utf8Policy::{:?})",
            self.normalization(),
            self.policy()
        )?;
        if let Some(max) = self.max_input_bytes {
            write!(f, ".with_max_input_bytes({max})")?;
        }
        if let Some(n) = self.lookback_blocks {
            write!(f, ".with_lookback_blocks({})", n % 65)?;
        }
        if let Some(n) = self.max_quote_bytes {
            write!(f, ".with_max_quote_bytes({n})")?;
        }
        Ok(())
    }
}

/// Options plus raw bytes: the `parse_options` target.
#[derive(Arbitrary)]
pub struct OptionsCase {
    /// The options.
    pub options: FuzzOptions,
    /// The input.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for OptionsCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "// repro:")?;
        writeln!(f, "let parser = copydesk::Parser::new({:?});", self.options)?;
        write!(
            f,
            "let _ = parser.parse_bytes(b\"{}\");",
            self.bytes.escape_ascii()
        )
    }
}

const QUOTE_MARKS: &[&str] = &[
    "\"", "“", "”", "„", "«", "»", "‘", "’", "``", "''", "'", "‹", "›", "‚", "「", "」", "« ",
    " »", "\"'", "'\"", "“‘", "’”",
];
const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "on",
    "Tuesday",
    "to",
    "close",
    "old",
    "bridge",
    "We",
    "had",
    "no",
    "choice",
    "it",
    "is",
    "U.S.",
    "ISIL",
    "1,000",
    "café",
    "cafe\u{301}",
    "ﬁne",
    "¨",
    "Ｆｕｌｌ",
    "don't",
    "rock’n’roll",
    "—",
    "–",
    "--",
    "-",
    "...",
    "…",
    "e.g.",
    "Mr.",
    "St.",
    "a",
    "I",
    "In",
    "And",
    "Zürich",
    "Tiếng Việt",
    "LibÃ©ration",
    "他说：",
    "我们不同意",
    "。",
    "，",
    "at which point",
    "in which",
    "&quot;",
    "&amp;",
    "&amp;quot;",
    "&#8220;",
    "&#x201D;",
    "&rsquo;",
    "&nbsp;",
    "&#769;",
    "&#101;",
    "AT&T",
    "&\u{8}nbsp;",
    "&hellip;",
];
const NAMES: &[&str] = &[
    "Ann Lee",
    "Mayor Ann Lee",
    "Dmitry Peskov",
    "Kremlin spokesman Dmitry Peskov",
    "Earnest",
    "Josh Earnest",
    "Col. Steve Warren",
    "O'Brien",
    "Jean-Luc Picard",
    "María José García",
    "Lee",
    "the statement",
    "one of the sources",
    "a spokesperson",
    "Secretary of State John Kerry",
    "Sergei Ivanov, President Vladimir Putin's chief of staff,",
];
const VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "told reporters",
    "added",
    "asked",
    "according to",
    "explained",
    "wrote",
    "stated",
    "insisted",
    "noted",
    "argued",
    "warned",
    "claimed",
    "said in a statement",
];
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "He", "She", "it", "we", "I", "his", "her",
];
const SAID: &[&str] = &[
    "he said.",
    "she said",
    "said Mayor Ann Lee.",
    "Earnest said.",
    "according to Earnest.",
    "he told reporters.",
    ", he added.",
    "Lee said.",
    "said Kremlin spokesman Dmitry Peskov, when asked",
    "she said, adding:",
    "they said in a statement.",
];
const PUNCT: &[&str] = &[
    ".", ",", ":", ";", "!", "?", "(", ")", "[", "]", "-", "/", "|", "•", "·", "*", "#", "&amp;",
    "<p>", "</p>", "--",
];
const HEADLINES: &[&str] = &[
    "Council votes to close the old bridge",
    "Russia defends strikes bolstering Assad government ‘weak spots’",
    "BREAKING: Markets fall as “uncertainty” grows",
    "Why the bridge closed — and what comes next",
    "‘We had no choice’: mayor defends closure",
];
const LINES: &[&str] = &[
    "By Jane Doe",
    "By JANE DOE and JOHN ROE",
    "Al Jazeera and wire services",
    "Jane Doe | Reuters",
    "Associated Press",
    "October 1, 2015",
    "Updated 3:57 PM ET",
    "2015-10-01T12:00:00Z",
    "Oct. 1, 2015 at 5:00 p.m.",
    "Homs Media Center / AP",
    "Photo: Jane Doe/Reuters",
    "Share this article",
    "Sign up for our newsletter",
    "Follow us on Twitter",
    "Advertisement",
    "© 2015 Al Jazeera Media Network",
    "Continue reading",
    "Read more",
    "We use cookies to improve your experience.",
    "Related News",
    "Topics:",
    "Tags: Russia, Syria | ISIL",
    "Russia, Syria",
    "ISIL, Syria's War, War",
    "Skip to main content",
    "Log in",
    "Subscribe",
    "Comments",
    "Find us on your TV",
    "Source: Al Jazeera and news agencies",
    "WASHINGTON —",
    "The aftermath",
];
const BLANKS: &[&str] = &[
    " ", "\u{a0}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}", "\t",
    "\u{7}", "\u{1b}", "\u{85}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{202f}", "\u{2009}",
    "\u{b}", "\u{c}", "\u{7f}",
];

/// One fragment of an article-like text.
#[derive(Debug, Clone, Arbitrary)]
enum Piece {
    Headline(u8),
    Line(u8),
    Word(u8),
    Name(u8),
    Verb(u8),
    Pronoun(u8),
    Said(u8),
    Mark(u8),
    Punct(u8),
    Blank(u8),
    Newline,
    BlankLine,
    Crlf,
    LoneCr,
    /// One word repeated: a very long line.
    LongLine {
        word: u8,
        times: u16,
    },
    /// The text of the last `pieces` pieces repeated `times` times: cheap amplification that
    /// makes superlinear behaviour show up as a slow input.
    Repeat {
        pieces: u8,
        times: u8,
    },
    /// A few free characters.
    Raw(String),
}

fn pick<'s>(table: &[&'s str], i: u8) -> &'s str {
    table[usize::from(i) % table.len()]
}

/// An article-like text assembled from fragments: the `article_like` target.
pub struct ArticleLike {
    /// The rendered text.
    pub text: String,
}

impl<'a> Arbitrary<'a> for ArticleLike {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut text = String::new();
        // Byte offset where each piece's text starts, for `Repeat`.
        let mut starts: Vec<usize> = Vec::new();
        let mut prev_wordish = false;
        while !u.is_empty() && text.len() < ARTICLE_LEN {
            let piece = Piece::arbitrary(u)?;
            let (s, wordish): (std::borrow::Cow<'_, str>, bool) = match &piece {
                Piece::Headline(i) => (pick(HEADLINES, *i).into(), false),
                Piece::Line(i) => (pick(LINES, *i).into(), false),
                Piece::Word(i) => (pick(WORDS, *i).into(), true),
                Piece::Name(i) => (pick(NAMES, *i).into(), true),
                Piece::Verb(i) => (pick(VERBS, *i).into(), true),
                Piece::Pronoun(i) => (pick(PRONOUNS, *i).into(), true),
                Piece::Said(i) => (pick(SAID, *i).into(), true),
                Piece::Mark(i) => (pick(QUOTE_MARKS, *i).into(), false),
                Piece::Punct(i) => (pick(PUNCT, *i).into(), false),
                Piece::Blank(i) => (pick(BLANKS, *i).into(), false),
                Piece::Newline => ("\n".into(), false),
                Piece::BlankLine => ("\n\n".into(), false),
                Piece::Crlf => ("\r\n".into(), false),
                Piece::LoneCr => ("\r".into(), false),
                Piece::LongLine { word, times } => {
                    let w = pick(WORDS, *word);
                    let n = usize::from(*times % 2048);
                    let mut s = String::with_capacity(n * (w.len() + 1));
                    for _ in 0..n {
                        s.push_str(w);
                        s.push(' ');
                    }
                    (s.into(), false)
                }
                Piece::Repeat { pieces, times } => {
                    let back = usize::from(*pieces % 16).min(starts.len());
                    let from = starts
                        .len()
                        .checked_sub(back)
                        .map_or(0, |i| starts.get(i).copied().unwrap_or(text.len()));
                    let unit = text[from..].to_owned();
                    let n = usize::from(*times);
                    let room = ARTICLE_LEN.saturating_sub(text.len()) / unit.len().max(1);
                    (unit.repeat(n.min(room)).into(), false)
                }
                Piece::Raw(s) => (s.chars().take(16).collect::<String>().into(), false),
            };
            if wordish && prev_wordish {
                text.push(' ');
            }
            prev_wordish = wordish;
            starts.push(text.len());
            text.push_str(&s);
        }
        Ok(ArticleLike { text })
    }
}

impl fmt::Debug for ArticleLike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "// repro:")?;
        write!(f, "let _ = copydesk::parse({:?});", self.text)
    }
}

/// A `&str` input printed as a runnable repro.
pub struct Text<'a>(pub &'a str);

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "let _ = copydesk::parse({:?});", self.0)
    }
}
