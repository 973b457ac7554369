//! The public output types: an [`Article`] and its elements.
//!
//! Every element carries the [`Span`] of its bytes in the original input and its cleaned
//! text (see [`crate::normalize`]), borrowed from the input where cleaning changed nothing.
//! The serde form of these types is the CLI's JSON contract (see README).

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Turns a `Cow` into an owned `'static` one.
fn own(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

/// What [`Article::remap`] gives each text and span of an article's elements: the text in
/// another lifetime, and the span (as it is, for a function of texts alone).
///
/// Texts and spans are given in one pass, an element's text right before its span: an article
/// parsed from a folded or repaired copy of its input borrows a text from the input at the
/// text's span in the copy mapped back, and that span is most often the element's, which the
/// map then answers from its last look-up ([`crate::normalize::OffsetMap::map_span`]). (A
/// pass for texts and then one for spans looked each span up twice, some 415 instructions
/// each: 2.5 an input byte of the `no-break-spaces` shape, 1.9 of `zero-width-spaces`.)
pub(crate) trait Remap<'a, 'b> {
    /// The text `t` in its new lifetime.
    fn text(&mut self, t: Cow<'a, str>) -> Cow<'b, str>;

    /// The span `s`. An element's span is asked right after its text (when it has one), so
    /// that a remap which finds both in one look-up can answer from it.
    fn span(&mut self, s: Span) -> Span {
        s
    }
}

impl<'a, 'b, F: FnMut(Cow<'a, str>) -> Cow<'b, str>> Remap<'a, 'b> for F {
    fn text(&mut self, t: Cow<'a, str>) -> Cow<'b, str> {
        self(t)
    }
}

/// A [`Remap`] of texts by the first function and of spans by the second.
pub(crate) struct TextsAndSpans<T, S>(pub T, pub S);

impl<'a, 'b, T: FnMut(Cow<'a, str>) -> Cow<'b, str>, S: FnMut(Span) -> Span> Remap<'a, 'b>
    for TextsAndSpans<T, S>
{
    fn text(&mut self, t: Cow<'a, str>) -> Cow<'b, str> {
        (self.0)(t)
    }

    fn span(&mut self, s: Span) -> Span {
        (self.1)(s)
    }
}

macro_rules! text_element {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name<'a> {
            /// The cleaned text.
            pub text: Cow<'a, str>,
            /// Where the element lies in the input.
            pub span: Span,
        }

        impl<'a> $name<'a> {
            /// Makes the element from its text and span.
            pub fn new(text: impl Into<Cow<'a, str>>, span: Span) -> Self {
                $name { text: text.into(), span }
            }

            /// The text as a `&str`.
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// Detaches the element from the input.
            pub fn into_owned(self) -> $name<'static> {
                self.remap(&mut own)
            }

            /// The element with its text and then its span given by `f`.
            pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> $name<'b> {
                let text = f.text(self.text);
                $name { text, span: f.span(self.span) }
            }
        }
    };
}

text_element!(
    /// The article's headline.
    Headline
);
text_element!(
    /// The standfirst: the sentence or two under the headline that sums the story up.
    Dek
);
text_element!(
    /// A byline or credit line: "By Jane Doe", "Al Jazeera and wire services", "Jane Doe | Reuters".
    Byline
);
text_element!(
    /// A photo or image credit or caption: "Homs Media Center / AP", "Photo: Jane Doe/Reuters".
    Credit
);
text_element!(
    /// A date or time line: "October 1, 2015", "Updated 3:57 PM ET".
    DateLine
);
text_element!(
    /// A body paragraph.
    Paragraph
);
text_element!(
    /// A section subhead inside the body.
    Subhead
);
text_element!(
    /// One related-topic tag ("Syria's War").
    Tag
);
text_element!(
    /// A piece of text with a span: a speaker mention as written, a related-tags heading.
    Mention
);

/// A block of the article body, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyBlock<'a> {
    /// A paragraph.
    Paragraph(Paragraph<'a>),
    /// A section subhead.
    Subhead(Subhead<'a>),
}

impl<'a> BodyBlock<'a> {
    /// The block's cleaned text.
    pub fn text(&self) -> &str {
        match self {
            BodyBlock::Paragraph(p) => &p.text,
            BodyBlock::Subhead(s) => &s.text,
        }
    }

    /// The block's span.
    pub fn span(&self) -> Span {
        match self {
            BodyBlock::Paragraph(p) => p.span,
            BodyBlock::Subhead(s) => s.span,
        }
    }

    /// True for a subhead.
    pub fn is_subhead(&self) -> bool {
        matches!(self, BodyBlock::Subhead(_))
    }

    /// Detaches the block from the input.
    pub fn into_owned(self) -> BodyBlock<'static> {
        self.remap(&mut own)
    }

    /// The block with its text and span given by `f`.
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> BodyBlock<'b> {
        match self {
            BodyBlock::Paragraph(p) => BodyBlock::Paragraph(p.remap(f)),
            BodyBlock::Subhead(s) => BodyBlock::Subhead(s.remap(f)),
        }
    }
}

/// How a quotation sits in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A whole quoted utterance: `"We will win," she said.`
    Direct,
    /// A fragment embedded in reported speech: `called Cruz "the worst politician in Texas."`
    Mixed,
}

/// How an attribution's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The speaker is named next to the quote.
    Explicit,
    /// A pronoun ("he said") resolved to a person named earlier.
    Pronoun,
    /// A bare surname ("Earnest said") resolved to the full name given earlier.
    Surname,
    /// An unattributed quote that continues the previous speaker's quotation.
    Continuation,
}

/// Who said a quotation.
///
/// Its texts are bounded, since every quote of the speaker may carry them: a speaker longer
/// than 512 bytes (no name is), as written or cleaned, attributes nothing, and a mention or
/// descriptor that long is left out. The copies that cleaning makes of them (where the text
/// as written has a double space, a line break, a form that normalization changes) take at
/// most four times the article's text and 1 MiB together: past that, the later quotes'
/// copied mentions and descriptors are left out, then their attributions with a copied
/// speaker. No real article comes near it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution<'a> {
    /// The speaker: the resolved full name ("Dmitry Peskov"), or the mention as written when
    /// it names no one ("one of the sources", "the statement").
    pub speaker: Cow<'a, str>,
    /// The speaker as written near the quote: "he", "Earnest", "Kremlin spokesman Dmitry Peskov".
    /// For a continuation, the mention of the quotation it continues.
    pub mention: Option<Mention<'a>>,
    /// The speaker's role or title, split off the name: "Kremlin spokesman".
    pub descriptor: Option<Cow<'a, str>>,
    /// The speech verb or cue: "said", "told reporters", "according to".
    pub verb: Option<Cow<'a, str>>,
    /// How the speaker was found.
    pub resolution: Resolution,
}

impl<'a> Attribution<'a> {
    /// Detaches the attribution from the input.
    pub fn into_owned(self) -> Attribution<'static> {
        self.remap(&mut own)
    }

    /// The attribution with each of its texts (and its mention's span) given by `f`.
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> Attribution<'b> {
        Attribution {
            speaker: f.text(self.speaker),
            mention: self.mention.map(|m| m.remap(f)),
            descriptor: self.descriptor.map(|d| f.text(d)),
            verb: self.verb.map(|v| f.text(v)),
            resolution: self.resolution,
        }
    }
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote<'a> {
    /// The quoted words, without the quotation marks.
    pub text: Cow<'a, str>,
    /// The content between the marks (marks excluded, whitespace trimmed).
    pub span: Span,
    /// Index into [`Article::body`] of the block holding the quote, when it is in the body.
    pub block: Option<usize>,
    /// Whole utterance or embedded fragment.
    pub kind: QuoteKind,
    /// True when the quotation runs to the end of its paragraph with no closing mark
    /// (it continues in the next paragraph).
    pub open_ended: bool,
    /// Who said it, when that can be told.
    pub attribution: Option<Attribution<'a>>,
}

impl<'a> Quote<'a> {
    /// Detaches the quote from the input.
    pub fn into_owned(self) -> Quote<'static> {
        self.remap(&mut own)
    }

    /// The quote with each of its texts and spans (its own and its mention's) given by `f`.
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> Quote<'b> {
        let text = f.text(self.text);
        Quote {
            text,
            span: f.span(self.span),
            block: self.block,
            kind: self.kind,
            open_ended: self.open_ended,
            attribution: self.attribution.map(|a| a.remap(f)),
        }
    }

    /// The resolved speaker, if any.
    pub fn speaker(&self) -> Option<&str> {
        self.attribution.as_ref().map(|a| a.speaker.as_ref())
    }
}

/// Why a pair of quotation marks was not taken as a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuoteRejection {
    /// Nothing but blanks between the marks: `“ ”`.
    Empty,
    /// Longer than [`crate::Options::with_max_quote_bytes`]: taken as an unbalanced mark.
    TooLong,
    /// Opened and never closed, and not a quotation continued in the next paragraph.
    Unbalanced,
    /// A nickname between a first name and a surname: `George "Jay" Keyworth`.
    Nickname,
    /// A short Title-Case name of a work, show or event with no speech cue nearby:
    /// `MSNBC's "Morning Joe"`.
    Title,
    /// One or two words set off as a scare quote with no speech cue nearby:
    /// `a "victory" of sorts`.
    ScareQuote,
}

/// Quotation marks in the body that were not taken as a quotation, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedQuote<'a> {
    /// The cleaned words between the marks (when unclosed, up to the next quotation mark
    /// that opens or to the end of the block).
    pub text: Cow<'a, str>,
    /// From the opening mark to the end of the closing mark (or of those words), marks included.
    pub span: Span,
    /// Index into [`Article::body`] of the block holding the marks, when it is in the body.
    pub block: Option<usize>,
    /// Why the marks were not taken as a quotation.
    pub reason: QuoteRejection,
}

impl<'a> RejectedQuote<'a> {
    /// Detaches the rejected quote from the input.
    pub fn into_owned(self) -> RejectedQuote<'static> {
        self.remap(&mut own)
    }

    /// The rejected quote with its text and span given by `f`.
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> RejectedQuote<'b> {
        let text = f.text(self.text);
        RejectedQuote {
            text,
            span: f.span(self.span),
            block: self.block,
            reason: self.reason,
        }
    }
}

/// One line or block of tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagGroup<'a> {
    /// The tags, split at commas, pipes and bullets.
    pub tags: Vec<Tag<'a>>,
    /// The whole group.
    pub span: Span,
}

/// The related-topics block: "Related News" followed by tag lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedTags<'a> {
    /// The heading ("Related News", "Topics", "Tags:"), when there is one.
    pub heading: Option<Mention<'a>>,
    /// The tag lines under it.
    pub groups: Vec<TagGroup<'a>>,
}

impl<'a> RelatedTags<'a> {
    /// Every tag of every group, in order.
    pub fn tags(&self) -> impl Iterator<Item = &Tag<'a>> {
        self.groups.iter().flat_map(|g| g.tags.iter())
    }

    /// Detaches the tags from the input.
    pub fn into_owned(self) -> RelatedTags<'static> {
        self.remap(&mut own)
    }

    /// The tags with each of their texts and spans given by `f`.
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> RelatedTags<'b> {
        RelatedTags {
            heading: self.heading.map(|h| h.remap(f)),
            groups: self
                .groups
                .into_iter()
                .map(|g| TagGroup {
                    span: f.span(g.span),
                    tags: g.tags.into_iter().map(|t| t.remap(f)).collect(),
                })
                .collect(),
        }
    }
}

/// Why a block was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BoilerplateReason {
    /// Promotion of the site's own products ("Find us on your TV", "Download our app").
    Promo,
    /// Newsletter and e-mail sign-up prompts.
    Newsletter,
    /// Share and social-media buttons.
    Social,
    /// Menus, section lists, breadcrumbs, skip links.
    Navigation,
    /// Sign-in, log-in, subscribe and account prompts.
    SignIn,
    /// Comment sections and their prompts.
    Comments,
    /// Advertisement markers.
    Advertisement,
    /// Copyright and legal footers.
    Copyright,
    /// "Continue reading", "Read more" links.
    ContinueReading,
    /// Lists of links to other stories.
    Related,
    /// Cookie and privacy notices.
    Cookie,
    /// A repeat of a block seen earlier.
    Duplicate,
    /// Text outside the article that fits no other reason.
    Other,
}

/// A block set aside as not part of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate<'a> {
    /// The cleaned text.
    pub text: Cow<'a, str>,
    /// Where it lies in the input.
    pub span: Span,
    /// Why it was set aside.
    pub reason: BoilerplateReason,
}

impl<'a> Boilerplate<'a> {
    /// Detaches the block from the input.
    pub fn into_owned(self) -> Boilerplate<'static> {
        self.remap(&mut own)
    }

    /// The block with its text and span given by `f`.
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> Boilerplate<'b> {
        let text = f.text(self.text);
        Boilerplate {
            text,
            span: f.span(self.span),
            reason: self.reason,
        }
    }
}

/// What a diagnostic reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// Invalid UTF-8 was replaced with U+FFFD (under [`crate::Utf8Policy::Replace`]): the
    /// span is a run of invalid sequences with no valid byte between them, each of which is
    /// one U+FFFD in the text.
    ReplacedInvalidUtf8,
    /// No article body was found: the text may not be an article.
    NoBody,
    /// A quotation mark was left unbalanced and its text not taken as a quote.
    UnbalancedQuote,
    /// A run of control characters (C0/C1 controls other than whitespace, DEL), which
    /// element text leaves out; the span covers the run.
    ControlCharacters,
}

/// A note about the input that did not stop the parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What it reports.
    pub kind: DiagnosticKind,
    /// Where.
    pub span: Span,
}

/// Which top-level element a span belongs to, for [`Article::top_level`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ElementKind {
    /// [`Article::headline`].
    Headline,
    /// [`Article::dek`].
    Dek,
    /// One of [`Article::bylines`].
    Byline,
    /// One of [`Article::credits`].
    Credit,
    /// One of [`Article::dates`].
    Date,
    /// A paragraph of [`Article::body`].
    Paragraph,
    /// A subhead of [`Article::body`].
    Subhead,
    /// The heading of [`Article::related`].
    RelatedHeading,
    /// A tag group of [`Article::related`].
    TagGroup,
    /// One of [`Article::boilerplate`].
    Boilerplate,
}

/// A parsed article. Borrowed from the input; [`Article::into_owned`] detaches it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Article<'a> {
    /// The headline.
    pub headline: Option<Headline<'a>>,
    /// The standfirst under the headline.
    pub dek: Option<Dek<'a>>,
    /// Bylines and credit lines.
    pub bylines: Vec<Byline<'a>>,
    /// Photo and image credits and captions.
    pub credits: Vec<Credit<'a>>,
    /// Date and time lines.
    pub dates: Vec<DateLine<'a>>,
    /// Body paragraphs and subheads, in order.
    pub body: Vec<BodyBlock<'a>>,
    /// Direct quotations in the body, in order.
    pub quotes: Vec<Quote<'a>>,
    /// Quotation marks in the body not taken as quotations (titles, nicknames, scare
    /// quotes, unbalanced marks), in order, each with its reason.
    pub rejected_quotes: Vec<RejectedQuote<'a>>,
    /// The related-topics tags.
    pub related: Option<RelatedTags<'a>>,
    /// Blocks set aside, each with its reason.
    pub boilerplate: Vec<Boilerplate<'a>>,
    /// Notes about the input that did not stop the parse.
    pub diagnostics: Vec<Diagnostic>,
}

/// An [`Article`] that owns its text.
pub type OwnedArticle = Article<'static>;

impl<'a> Article<'a> {
    /// The body paragraphs (not subheads), in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph<'a>> {
        self.body.iter().filter_map(|b| match b {
            BodyBlock::Paragraph(p) => Some(p),
            BodyBlock::Subhead(_) => None,
        })
    }

    /// The body subheads, in order.
    pub fn subheads(&self) -> impl Iterator<Item = &Subhead<'a>> {
        self.body.iter().filter_map(|b| match b {
            BodyBlock::Subhead(s) => Some(s),
            BodyBlock::Paragraph(_) => None,
        })
    }

    /// The quotations, in order.
    pub fn quotes(&self) -> impl Iterator<Item = &Quote<'a>> {
        self.quotes.iter()
    }

    /// Every top-level element's kind and span, sorted by position. Top-level elements
    /// never overlap, and together they cover every non-whitespace byte of the input.
    pub fn top_level(&self) -> Vec<(ElementKind, Span)> {
        let mut out =
            Vec::with_capacity(self.body.len() + self.boilerplate.len() + self.bylines.len() + 4);
        out.extend(
            self.headline
                .iter()
                .map(|h| (ElementKind::Headline, h.span)),
        );
        out.extend(self.dek.iter().map(|d| (ElementKind::Dek, d.span)));
        out.extend(self.bylines.iter().map(|b| (ElementKind::Byline, b.span)));
        out.extend(self.credits.iter().map(|c| (ElementKind::Credit, c.span)));
        out.extend(self.dates.iter().map(|d| (ElementKind::Date, d.span)));
        out.extend(self.body.iter().map(|b| {
            let kind = if b.is_subhead() {
                ElementKind::Subhead
            } else {
                ElementKind::Paragraph
            };
            (kind, b.span())
        }));
        if let Some(related) = &self.related {
            out.extend(
                related
                    .heading
                    .iter()
                    .map(|h| (ElementKind::RelatedHeading, h.span)),
            );
            out.extend(
                related
                    .groups
                    .iter()
                    .map(|g| (ElementKind::TagGroup, g.span)),
            );
        }
        out.extend(
            self.boilerplate
                .iter()
                .map(|b| (ElementKind::Boilerplate, b.span)),
        );
        out.sort_by_key(|(_, s)| (s.start, s.end));
        out
    }

    /// Detaches the article from the input.
    pub fn into_owned(self) -> OwnedArticle {
        self.remap(&mut own)
    }

    /// The article with each text and span of each element given by `f`, in the order of
    /// the fields (the body's, the quotes', ... each list in order), an element's text before
    /// its span; the diagnostics' spans first. (Their list is rewritten in place: collected
    /// anew, the loop of the assemble stage, which builds the lists, came out some 9
    /// instructions a block dearer, 1.5 an input byte of the `one-word-blocks` shape.)
    pub(crate) fn remap<'b>(self, f: &mut impl Remap<'a, 'b>) -> Article<'b> {
        let mut diagnostics = self.diagnostics;
        diagnostics.iter_mut().for_each(|d| d.span = f.span(d.span));
        Article {
            headline: self.headline.map(|e| e.remap(f)),
            dek: self.dek.map(|e| e.remap(f)),
            bylines: self.bylines.into_iter().map(|e| e.remap(f)).collect(),
            credits: self.credits.into_iter().map(|e| e.remap(f)).collect(),
            dates: self.dates.into_iter().map(|e| e.remap(f)).collect(),
            body: self.body.into_iter().map(|e| e.remap(f)).collect(),
            quotes: self.quotes.into_iter().map(|e| e.remap(f)).collect(),
            rejected_quotes: self
                .rejected_quotes
                .into_iter()
                .map(|e| e.remap(f))
                .collect(),
            related: self.related.map(|e| e.remap(f)),
            boilerplate: self.boilerplate.into_iter().map(|e| e.remap(f)).collect(),
            diagnostics,
        }
    }
}
