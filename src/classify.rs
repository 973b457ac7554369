//! Stage 3: blocks → labelled blocks (headline, dek, byline, body, tags, boilerplate…).
//!
//! The stage works from general signals, never from site-specific strings, in four steps,
//! each linear in the number of blocks:
//!
//! 1. **Features** ([`features`]): per block, once — length, words, share of lower-case
//!    words, sentence punctuation (including `。`), separators, link-like text, a hash of
//!    the folded text, and a boilerplate reason from generic phrase lists
//!    (`src/data/boilerplate_phrases.txt`). Metadata recognizers ([`lines`]) tell bylines,
//!    date lines, photo credits and tag lines; calls to action ([`promo`]: "Follow her on
//!    Twitter @jdoe") and teasers that run a headline into another story's dateline
//!    ([`teasers`]) are set aside by their shape, not by a phrase.
//! 2. **Prose classes**: each block is *good* (reads as prose), *near* (a short sentence),
//!    *short* or *bad* (boilerplate or metadata).
//! 3. **Main body run**: good blocks are chained into clusters while the junk between them
//!    stays small; the heaviest cluster is the story. Tables between paragraphs (runs of
//!    short cells whose shapes repeat row after row, [`table`]) cost nothing. Inside it, short blocks are kept as
//!    paragraphs (list items, one-line paragraphs) or subheads (short, no sentence
//!    punctuation, followed by prose); bad blocks are set aside. A list that the story's
//!    last sentence introduces ("Tour dates:") or announces ("our picks are below") runs on
//!    with the story; inside it, boxes of related links and titles linked twice in a row
//!    are set aside.
//! 4. **Header and trailer**: the headline is chosen among the title-like blocks before
//!    the story (closeness, a byline or date after it, repeated copies and "Title | Site"
//!    variants, content words shared with the story's first lines, [`overlap`]); a sentence under it is the dek; bylines, dates and credits are labelled;
//!    after the story come credit lines, related-topic tags and boilerplate. A later exact
//!    repeat of a block is a `duplicate`.

mod features;
mod lexicon;
mod lines;
mod overlap;
mod promo;
mod table;
mod teasers;

use crate::fasthash::FastBuild;
use crate::model::BoilerplateReason;
use features::{Feats, FeatureTable, Features, Room};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Headline,
    Dek,
    Byline,
    Credit,
    Date,
    Paragraph,
    Subhead,
    TagHeading,
    Tags,
    Boilerplate(BoilerplateReason),
}

/// How much a block reads as article prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Prose: a sentence or more of ordinary text.
    Good,
    /// A short sentence.
    Near,
    /// Short text that is not a sentence: a heading, a list item, a menu entry.
    Short,
    /// Boilerplate or metadata.
    Bad,
}

/// The metadata kind of a block, from its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meta {
    None,
    Byline,
    Date,
    Credit,
    TagHeading,
    TagLine,
}

/// The fewest blocks in a row that make a chart inside the story ([`chart_blocks`]).
const CHART_MIN: usize = 6;

/// The longest box of related-story links that a story may run across.
const RELATED_BOX_LEN: usize = 12;

/// The share of content words a run across a related-stories box must share with the
/// story.
const MIN_ON_TOPIC: f32 = 0.3;

/// The fewest words of prose above a comment thread that make the story.
const MIN_STORY_ABOVE_COMMENTS: usize = 30;

/// How many blocks before the story are searched for the headline.
const HEADER_WINDOW: usize = 30;

/// What a headline candidate gains when all its content words occur in the story.
const OVERLAP_WEIGHT: f32 = 1.2;

/// The length below which [`has_byte`] reads the bytes as a few words that overlap.
const TINY_SEARCH: usize = 16;

/// The length below which [`has_byte`] compares every byte, not by `memchr`.
const SHORT_SEARCH: usize = 64;

/// Where the first `n` bytes of `s` other than slack end (the end of `s` when it holds
/// fewer; [`crate::lex::slack_bytes`]: `\r`, and blanks after a blank): a window of `n`
/// bytes at the start of a block that a CRLF text's block holds just as the same block
/// with LF line ends does, and one with doubled spaces as one with single spaces (a
/// hard-wrapped paragraph joined into one block holds its line ends; counted in bytes, the
/// CRLF window was a byte shorter a line end, and cut off what the LF window held). The
/// slack bytes are counted only in a block longer than `n`, and the window widened over
/// those it takes in, as the quote scan's windows are ([`crate::quotes`]).
pub(super) fn head_end(s: &str, n: usize) -> usize {
    let b = s.as_bytes();
    if b.len() <= n {
        return b.len();
    }
    crate::lex::widen_forward(b, 0, n, b.len())
}

/// Where the last `n` bytes of `s` other than slack start (0 when it holds fewer): the
/// window of [`head_end`] at the end of a block, widened back over the slack bytes it
/// takes in, counted only in a block longer than `n`.
fn tail_start(s: &str, n: usize) -> usize {
    let b = s.as_bytes();
    let Some(lo) = b.len().checked_sub(n).filter(|&lo| lo > 0) else {
        return 0;
    };
    crate::lex::widen_back(b, lo, b.len(), 0)
}

/// True when `bytes` holds `b`: by a comparison of every byte in a short block (most
/// blocks; a SIMD search costs more to set up than it saves there), by `memchr` in a long
/// one. The bytes of a block of fewer than sixteen are read as two words of eight (or
/// four) bytes that overlap, its first and last, with no loop (a few bytes: one by one);
/// those of a block of fewer than sixty-four as runs of sixteen and its last sixteen,
/// with no loop over the bytes past the runs. A loop a byte at a time ended at a place as
/// good as random in each block, a mispredicted branch (web corpus: 31K simulated
/// mispredicts in the searches for `!`, `;` and `@`, 0.7% of its parse's).
fn has_byte(bytes: &[u8], b: u8) -> bool {
    // Whether a byte of `w` is `b` (exact, [`crate::lex::byte_flags`]).
    let holds = |w: u64| crate::lex::byte_flags(w, b) != 0;
    if bytes.len() < TINY_SEARCH {
        if let (Some(&head), Some(&tail)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            return holds(u64::from_le_bytes(head)) | holds(u64::from_le_bytes(tail));
        }
        if let (Some(&head), Some(&tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            let w = u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32;
            return holds(w);
        }
        // (`contains` is a call here.)
        #[allow(clippy::manual_contains)]
        let found = bytes.iter().any(|&x| x == b);
        found
    } else if bytes.len() < SHORT_SEARCH {
        // Every byte is compared, with no exit at the first match: without the branch per
        // byte the compiler compares sixteen bytes at a step (the answer is the same: an
        // `or` of the comparisons). The last sixteen bytes overlap the runs.
        let last = bytes.last_chunk::<16>().copied().unwrap_or_default();
        let in_run = |run: &[u8]| run.iter().fold(false, |found, &x| found | (x == b));
        bytes
            .chunks_exact(16)
            .fold(in_run(&last), |found, run| found | in_run(run))
    } else {
        memchr::memchr(b, bytes).is_some()
    }
}

/// `s.trim_start()`, with no character decoded when `s` starts with a visible ASCII byte
/// (most blocks): such a byte is no whitespace, so there is nothing to trim.
fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => s,
        _ => trim_start_past_ascii(s),
    }
}

/// [`trim_start`] of a text that does not start with a visible ASCII byte: nothing to trim
/// either when it starts with an opening curly quote, as most quote paragraphs do, or a
/// dash, told from its bytes ([`crate::normalize::starts_on_text`]: no blank, so no white
/// space) without the generic trim's set-up (some 50 instructions a call). (Out of line, as
/// the generic trim's call was: inlined, the test made the feature pass, which calls
/// [`trim_start`] for every block, cost 0.2 instructions a byte more on web pages.)
#[inline(never)]
fn trim_start_past_ascii(s: &str) -> &str {
    if crate::normalize::starts_on_text(s.as_bytes()) {
        return s;
    }
    s.trim_start()
}

/// Labels every block (`raw` the blocks' texts, [`crate::segment::segment`]): one label
/// per block, and for each whether its text is known to be clean from its features
/// ([`Features::clean`]; the assembly then borrows the text without testing it).
///
/// It also gives the blocks known to hold no quotation mark nor apostrophe
/// ([`Features::may_hold_quote_mark`], told of huge blocks only), which the quote stage need
/// not search ([`Classified`]).
pub(crate) fn classify(raw: &[&str]) -> Classified {
    classify_into(raw, Vec::new(), Vec::new())
}

/// What [`classify`] gives: a label for every block, whether each is known clean, and the
/// places of the blocks known to hold no quotation mark, in order (a list that is empty,
/// and allocates nothing, in a text with no huge block).
pub(crate) type Classified = (Vec<Label>, Vec<bool>, Vec<usize>);

/// [`classify`], into `labels` and `clean` (emptied first): lists lent from one parse to
/// the next ([`crate::scratch`]). The stage's own lists (the folded texts, the features,
/// the metadata kinds and classes) are kept on each thread the same way.
pub(crate) fn classify_into(raw: &[&str], labels: Vec<Label>, clean: Vec<bool>) -> Classified {
    thread_local! {
        static BUFFERS: std::cell::RefCell<Buffers> =
            const { std::cell::RefCell::new(Buffers::EMPTY) };
    }
    crate::scratch::with_kept(&BUFFERS, |kept| {
        let out = classify_with(raw, kept, labels, clean);
        kept.recycle();
        out
    })
}

/// The lists [`classify_into`] fills for a text and empties for the next, kept on each
/// thread.
#[derive(Debug, Default)]
struct Buffers {
    /// The folded texts ([`features::features`]'s arena).
    fold: String,
    /// The feature table's lists and the prefix keys.
    features: features::Lent,
    /// [`Read::meta`] and [`Read::class`].
    meta: Vec<Meta>,
    class: Vec<Class>,
    /// The table marks ([`table::table_blocks_into`]) and the shapes they are worked out
    /// from: made fresh, two allocations a web page.
    table: Vec<bool>,
    shapes: Vec<u8>,
    /// [`body_run`]'s weights.
    weights: Vec<f32>,
    /// [`headline`]'s lists: here rather than in a thread-local value of their own, whose
    /// look-up and borrow cost every text with blocks above its story some 80 instructions
    /// ("Hello there." is one).
    headline: HeadlineKept,
}

impl Buffers {
    /// No lists (nothing allocated).
    const EMPTY: Buffers = Buffers {
        fold: String::new(),
        features: features::Lent::EMPTY,
        meta: Vec::new(),
        class: Vec::new(),
        table: Vec::new(),
        shapes: Vec::new(),
        weights: Vec::new(),
        headline: HeadlineKept::EMPTY,
    };

    /// Empties every list for the next text, freeing those over
    /// [`crate::scratch::MAX_KEPT_BYTES`].
    fn recycle(&mut self) {
        crate::scratch::recycle_text(&mut self.fold);
        self.features.recycle();
        crate::scratch::recycle(&mut self.meta);
        crate::scratch::recycle(&mut self.class);
        crate::scratch::recycle(&mut self.table);
        crate::scratch::recycle(&mut self.shapes);
        crate::scratch::recycle(&mut self.weights);
    }
}

/// Lists lent to [`read_blocks`] for those it fills: emptied, with their room.
#[derive(Debug, Default)]
struct Lists {
    meta: Vec<Meta>,
    class: Vec<Class>,
    far: Vec<Label>,
    clean: Vec<bool>,
}

/// [`classify_into`] with the thread's lists `kept`, which it leaves to be recycled.
fn classify_with(
    raw: &[&str],
    kept: &mut Buffers,
    labels: Vec<Label>,
    clean: Vec<bool>,
) -> Classified {
    let lists = Lists {
        meta: std::mem::take(&mut kept.meta),
        class: std::mem::take(&mut kept.class),
        far: labels,
        clean,
    };
    let Read {
        feats: mut feature_table,
        prefixes,
        mut meta,
        mut class,
        far: mut labels,
        clean,
        unmarked,
        comments,
    } = {
        let (same, room) = first_copies(raw);
        read_blocks(raw, &same, room, &mut kept.fold, &mut kept.features, lists)
    };
    // A long block that starts like an earlier one is a copy: the blocks whose features
    // that changes (each has a prefix key) are classed again.
    // (One key repeats none, as in a quote paragraph: told here, with no call.)
    if prefixes.len() >= 2 && feature_table.mark_repeated_prefixes(&prefixes) {
        let feats = feature_table.view();
        for p in &prefixes {
            class[p.block] = self::class(&feats[p.block], meta[p.block]);
            labels[p.block] = far_label(&feats[p.block], meta[p.block]);
        }
    }
    let feats = feature_table.view();
    let n = raw.len();
    // Only prose and short sentences weigh more than nothing ([`weight`]): a text of none (a
    // list of names, one-word blocks) has no story run, and no table, which lies next to
    // prose; told with no weight worked out and no walk of cells.
    let prose = class
        .iter()
        .any(|&c| matches!(c, Class::Good | Class::Near));
    // Which blocks lie in a table ([`marked`]: the list may stop before the last block).
    // (The list and the shapes it is worked out from are the thread's, kept, and empty:
    // [`Buffers::recycle`]. Filled in place: moved out and back, they cost 14 instructions
    // a quote paragraph.)
    let table = &mut kept.table;
    // (A text of fewer blocks than the shortest table has none: no call made for a quote
    // paragraph.)
    if prose && feats.len() >= table::MIN_BLOCKS {
        // (The class first: most blocks are not bad, and need no look-up of their features.)
        table::table_blocks_into(
            feats,
            &class,
            |i| class[i] == Class::Bad && barrier_reason(&feats[i]),
            table,
            &mut kept.shapes,
        );
    }
    let weights = &mut kept.weights;
    // Below the first of several comment headers is a comment thread: the story ends
    // above it, when there is prose above it.
    let above = match comments {
        (2.., Some(first)) if prose => body_run(
            &raw[..first],
            feats.up_to(first),
            &meta[..first],
            &class[..first],
            table.get(..first).unwrap_or(table),
            weights,
        )
        .filter(|&(s, e)| {
            let prose: usize = (s..=e)
                .filter(|&i| class[i] == Class::Good)
                .map(|i| feats[i].size())
                .sum();
            prose >= MIN_STORY_ABOVE_COMMENTS
        }),
        _ => None,
    };
    let run = above.or_else(|| {
        prose
            .then(|| body_run(raw, feats, &meta, &class, table, weights))
            .flatten()
    });
    let Some((start, end)) = run else {
        header(
            raw,
            feats,
            &meta,
            &class,
            n,
            std::iter::empty(),
            &mut labels,
            &mut kept.headline,
        );
        // The lists of one entry a block are done with: freed (or kept for the next text
        // when small) before the set of duplicates is built, which lowers the peak of a
        // text of many blocks.
        crate::scratch::recycle(table);
        crate::scratch::recycle(&mut meta);
        crate::scratch::recycle(&mut class);
        (kept.meta, kept.class) = (meta, class);
        duplicates(feats, &mut labels);
        kept.features.prefixes = prefixes;
        feature_table.give_back(&mut kept.features);
        return (labels, clean, unmarked);
    };
    let end = closing_line(feats, &meta, &class, end);
    let list_end = story_end(raw, feats, &meta, &class, end);
    body(feats, &meta, &class, table, start, list_end, &mut labels);
    // A run of one block holds no box of related links and no title linked twice (each
    // needs a block after the first): the two walks are skipped, as they are for a quote
    // paragraph, a text of one block.
    if start < end {
        related_boxes(feats, &class, start, end, &mut labels);
        linked_twice(feats, &class, start, end, &mut labels);
    }
    let end = list_end;
    // A story from the first block has no header ([`header`] labels no block there), and
    // one to the last block no trailer: neither is walked, nor the story's words read.
    if start > 0 {
        let story = (start..=end)
            .filter(|&i| class[i] == Class::Good)
            .map(|i| raw[i]);
        header(
            raw,
            feats,
            &meta,
            &class,
            start,
            story,
            &mut labels,
            &mut kept.headline,
        );
    }
    if end + 1 < n {
        trailer(raw, feats, &meta, end + 1, &mut labels);
    }
    crate::scratch::recycle(table);
    crate::scratch::recycle(&mut meta);
    crate::scratch::recycle(&mut class);
    (kept.meta, kept.class) = (meta, class);
    duplicates(feats, &mut labels);
    kept.features.prefixes = prefixes;
    feature_table.give_back(&mut kept.features);
    (labels, clean, unmarked)
}

/// What [`read_blocks`] finds of the blocks, each read on its own.
#[derive(Debug)]
struct Read<'a> {
    feats: FeatureTable<'a>,
    /// The blocks that have a prefix key, in order.
    prefixes: Vec<features::PrefixKey>,
    meta: Vec<Meta>,
    /// The class of every block ([`class`]), but for the repeated prefixes, which are marked
    /// after the reading ([`FeatureTable::mark_repeated_prefixes`]).
    class: Vec<Class>,
    /// The label of every block were it far above the story ([`far_label`]), as are most
    /// blocks of a page of links: the labels start from these, and [`header`] leaves them
    /// for the blocks far above the story (the later steps label every other block).
    far: Vec<Label>,
    /// Whether the features of each block know its text is clean ([`Features::clean`]).
    clean: Vec<bool>,
    /// The blocks whose features know they hold no quotation mark, in order
    /// ([`Features::may_hold_quote_mark`]).
    unmarked: Vec<usize>,
    /// The number of readers' comment headers and the first one's place.
    comments: (usize, Option<usize>),
}

/// The features, prefix keys, metadata kind and class of every block (`raw` its texts),
/// each block read on its own, and the number of readers' comment headers among them with
/// the first one's place. A credit ("Image copyright Agency") is not a copyright footer:
/// its features lose their boilerplate reason (a change that holds for every block of its
/// text: they are all credits) before it is classed.
///
/// `same[i]` is an earlier block with the same text as block `i`, or `i` ([`first_copies`]);
/// `room` is the room of the texts read ([`Room::of`]).
/// All that is found here for a block is a function of its text alone (its features, then
/// tests of its text and those features), so a repeat shares the first copy's features and
/// answers rather than testing again: text repeated block after block (a broken scraper's
/// output) costs one reading, not one per copy.
///
/// The lists are made on the room of those `lent` and `lists` lend ([`crate::scratch`]).
fn read_blocks<'a>(
    raw: &[&str],
    same: &[u32],
    room: Room,
    arena: &'a mut String,
    lent: &mut features::Lent,
    lists: Lists,
) -> Read<'a> {
    let (mut feats, prefixes) = features::features(raw, same, room, arena, lent);
    // Every block gets an entry, written in place: no push and its room test per block
    // in each of three lists.
    let n = raw.len();
    let Lists {
        meta: mut kinds,
        class: mut classes,
        mut far,
        mut clean,
    } = lists;
    refill(&mut kinds, n, Meta::None);
    refill(&mut classes, n, Class::Short);
    refill(&mut far, n, Label::Paragraph);
    refill(&mut clean, n, false);
    // The headers of readers' comments ("Jane Doe on May 3, 2020 at 4:47 pm said:").
    let mut comments = (0usize, None::<usize>);
    let mut unmarked = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let first = same.get(i).map_or(i, |&j| j as usize);
        // (The table holds a record for every block.)
        let Some(f) = feats.shared_mut(i) else {
            kinds.truncate(i);
            classes.truncate(i);
            far.truncate(i);
            clean.truncate(i);
            break;
        };
        clean[i] = f.clean();
        if !f.may_hold_quote_mark() {
            unmarked.push(i);
        }
        let (m, c, l) = if f.plain_word() {
            // A plain word is no comment header (it has no colon), and its reading is known
            // from its folded text alone; a repeat of one reads the same.
            let reading = plain_word_reading(f);
            debug_assert!(
                !lines::is_comment_header(f),
                "a plain word counted as a comment header: {s:?}"
            );
            debug_assert!(
                {
                    let mut g = f.clone();
                    let read = read_text(s, &mut g, lines::is_comment_header(f));
                    (read, class(&g, read), far_label(&g, read), &g)
                        == (reading.0, reading.1, reading.2, &*f)
                },
                "plain_word_reading differs from read_text on {s:?}"
            );
            reading
        } else {
            // Whether it is a comment header depends on no field the tests below set.
            let comment = lines::is_comment_header(f);
            if comment {
                comments.0 += 1;
                comments.1.get_or_insert(i);
            }
            if first < i {
                // A repeat shares the features of its first copy, which were tested
                // already, and its class.
                (kinds[first], classes[first], far[first])
            } else {
                let m = read_text(s, f, comment);
                if m == Meta::Credit {
                    f.reason = None;
                }
                (m, class(f, m), far_label(f, m))
            }
        };
        kinds[i] = m;
        classes[i] = c;
        far[i] = l;
    }
    Read {
        feats,
        prefixes,
        meta: kinds,
        class: classes,
        far,
        clean,
        unmarked,
        comments,
    }
}

/// Makes `v` `n` copies of `x`, on its own room.
fn refill<T: Copy>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}

/// The metadata kind of a block of text `s` and features `f` (`comment` tells whether it is
/// a comment header, [`lines::is_comment_header`]), and what its text tells of it besides:
/// the features' boilerplate reason and teaser mark are set here.
fn read_text(s: &str, f: &mut Features, comment: bool) -> Meta {
    let mut m = meta(s, f);
    if f.reason.is_none() & (m == Meta::None) && promo::is_call_to_action(s, f) {
        f.reason = Some(BoilerplateReason::Promo);
    }
    if teasers::is_dateline_teaser(s, f) {
        f.set_teaser(true);
    }
    if f.reason.is_none() && lines::is_counter(s, f) {
        f.reason = Some(BoilerplateReason::Navigation);
    }
    if comment {
        f.reason = Some(BoilerplateReason::Comments);
        m = Meta::None;
    }
    m
}

/// The metadata kind, class and far label ([`far_label`]) of a block that is one word of
/// ASCII letters, none of them a listed word ([`Features::plain_word`]): what [`read_text`],
/// then [`class`] and [`far_label`] give it, told from its folded text alone. Of the tests
/// of [`read_text`] only one of the byline's can hold, a folded text that ends in
/// "agencies" ("Newsagencies"); each of the others needs what such a block lacks. The other
/// bylines need two words, a separator (`|`, a comma, a dash) or a space in the folded text
/// ("wire services"); a date, a counter and a gallery caption need digits; a bracketed
/// source a `[`; a credit a credit word (a listed word), or a `/` or a `Σ` without one; a tag
/// heading listed words; a tag line a separator; a call to action a listed word or a `!`; a
/// teaser four words; a comment header a colon. So it changes no feature, and the block,
/// one word with no boilerplate reason, no link and no teaser mark, is short prose
/// ([`Class::Short`]) labelled navigation far above the story, or as a byline a bad block
/// labelled boilerplate there. The test `plain_word_reading_is_read_text` checks this, and
/// debug builds (tests, fuzzing) compare the two on every such block.
fn plain_word_reading(f: &Features) -> (Meta, Class, Label) {
    if f.folded.ends_with("agencies") {
        (
            Meta::Byline,
            Class::Bad,
            Label::Boilerplate(BoilerplateReason::Other),
        )
    } else {
        (
            Meta::None,
            Class::Short,
            Label::Boilerplate(BoilerplateReason::Navigation),
        )
    }
}

/// The most blocks for which [`first_copies`] compares every block with every earlier
/// one rather than building a map of keys.
const FEW_BLOCKS: usize = 8;

/// For every block (`raw` its texts), the first block with the same text: itself for most.
/// The list stops early (empty when no block repeats an earlier one, with no allocation):
/// a block past its end is the first of its text. The places are `u32`, half the room of
/// a `usize` for a list as long as the text has blocks; a text of more blocks than a `u32`
/// counts gets an empty list (each block read on its own, as is always allowed). With the
/// list comes the [`Room`] of the blocks that are the first of their text.
///
/// A few blocks are compared with each other directly (most pairs differ in length). Past
/// [`FEW_BLOCKS`], blocks are told apart by a key of their length and first, middle and last
/// eight bytes, a few steps whatever their length, and only blocks of equal keys are
/// compared whole: a text with no repeats costs a key and a look-up per block. Two texts of
/// one key that differ are both taken as new (the first keeps the key): a missed repeat only
/// costs a reading of its own. So the keys can be short ([`ShortKey`]): a map entry then
/// takes eight bytes, not sixteen, at the price of a few more missed repeats in a text of
/// millions of blocks.
fn first_copies(raw: &[&str]) -> (Vec<u32>, Room) {
    let n = raw.len();
    let mut same = Vec::new();
    if n <= FEW_BLOCKS {
        for (i, s) in raw.iter().enumerate() {
            if let Some(j) = raw
                .get(..i)
                .and_then(|before| before.iter().position(|t| t == s))
            {
                // (Fewer than FEW_BLOCKS: the places fit.)
                same.extend(same.len() as u32..i as u32);
                same.push(j as u32);
            }
        }
        let room = Room::of(raw, &same);
        return (same, room);
    }
    if u32::try_from(n).is_err() {
        return (same, Room::of(raw, &[]));
    }
    // A text of many blocks but few distinct texts (one-word blocks of a small vocabulary)
    // keeps to the one map, which stays small; one of more distinct texts takes the parted
    // walk, which costs a few more steps a block but no cache miss a new text.
    // (A closure: the function item itself was called out of line, not inlined, which
    // cost a text of distinct one-word blocks 0.5 instructions a byte. And one of its own
    // for the walk of most texts, below: one closure for all three walks was called out of
    // line from each, a call a block, and cost distinct one-word blocks 1.0 instructions a
    // byte.)
    #[allow(clippy::redundant_closure)]
    let key = |b: &[u8]| ShortKey::of(b);
    if n <= PARTED_KEYS {
        // (No bound to pass: never `None`.)
        #[allow(clippy::redundant_closure)]
        let found = mapped_first_copies::<false>(raw, |b| ShortKey::of(b), n).unwrap_or_default();
        // The fuzz targets' inputs are far too short for the parted walk: under them every
        // text takes it as well, and must find the same.
        #[cfg(fuzzing)]
        assert_eq!(
            parted_first_copies(raw, key, PART_BITS),
            found,
            "the parted walk differs from the one map"
        );
        return found;
    }
    mapped_first_copies::<true>(raw, key, PARTED_KEYS)
        .unwrap_or_else(|| parted_first_copies(raw, key, PART_BITS))
}

/// The most distinct keys [`first_copies`] puts in one map: past them the map (4 MB of
/// slots for this many) would outgrow the caches, each look-up of a new key a cache miss,
/// and the text's keys are put in parts instead ([`parted_first_copies`]): for 100 MB of
/// distinct one-word blocks the one map would be 256 MB.
const PARTED_KEYS: usize = 1 << 18;

/// [`first_copies`] of a text of more than [`FEW_BLOCKS`] blocks and fewer than `u32::MAX`,
/// the keys (`key`, [`ShortKey::of`] but in tests) looked up in one map in text order; or
/// `None` as soon as more than `most` blocks are read on their own (a new key, or a text
/// that shares an earlier text's key), never for a `most` of the text's blocks or more.
/// `BOUNDED` is false when `most` is known to be that: the walk then tests no bound (which
/// cost 0.6 instructions a byte on distinct one-word blocks). Always inlined: left to the
/// compiler, the walk cost distinct one-word blocks at 1 MB 97.9 instructions a byte
/// against 95.9 (the one-map walk before the bound was added: 95.2).
///
/// The map is made in the slots the thread keeps for it ([`FirstPlaces::kept`]): made
/// fresh, it was an allocation a text of more than [`FEW_BLOCKS`] blocks. (The list is
/// made fresh: filled in a list kept in the classify buffers, the walk cost a text of
/// distinct one-word blocks 1.8 instructions a byte more, web pages 0.14 more, for the
/// allocation saved; the compiler cannot tell a lent list's room from the map's.)
#[inline(always)]
fn mapped_first_copies<const BOUNDED: bool>(
    raw: &[&str],
    key: impl Fn(&[u8]) -> ShortKey,
    most: usize,
) -> Option<(Vec<u32>, Room)> {
    let mut room = Room::default();
    // Room for one key more than `most`, the one that ends the walk.
    let mut first = FirstPlaces::kept(most + 1);
    let mut same = Vec::with_capacity(raw.len());
    // The text of the block before and its first copy.
    let mut prev: (&str, u32) = ("", u32::MAX);
    for (i, &s) in (0u32..).zip(raw) {
        // A run of one text (a scraper's repeats come in runs): the block before has the
        // same first copy, and the key of the text is in the map already.
        let j = if prev.1 != u32::MAX && same_text(prev.0, s) {
            prev.1
        } else {
            let j = first.get_or_insert(key(s.as_bytes()), i);
            if j < i && raw.get(j as usize).is_some_and(|t| same_text(t, s)) {
                j
            } else {
                room.add(s);
                // The blocks read on their own: the new keys and the few texts that share
                // an earlier text's key. No more keys than them are in the map.
                if BOUNDED && room.texts > most {
                    first.give_back();
                    return None;
                }
                i
            }
        };
        same.push(j);
        prev = (s, j);
    }
    first.give_back();
    Some((same, room))
}

/// What [`mapped_first_copies`] gives with no bound on its keys (the same list and room),
/// with the keys put in `2^part_bits` parts first (`part_bits` from 1 to [`MAX_PART_BITS`]),
/// as [`parted_later_copies`] does: one walk in text order takes each block's key and
/// writes it with its place onto its part's list (and the block's part onto a list of
/// one for each block); each part's keys then go through one map, cleared between parts, and
/// each place's first copy is written over its entry; a last walk takes them back in text
/// order, from each block's part. A block in a run (the text of the block before) is
/// looked up in none, as in the map walk. A key's blocks are all in its part, in text
/// order, so each part's map answers as the one map would; but a part's map stays in the
/// caches, where the one map of millions of keys costs a cache miss a new key, and the
/// parts' lists are written and read at `2^part_bits` places that each move on by one.
///
/// The key of each block is taken once: a list of parts (two bytes a block) is read back
/// where a walk that counted the parts' keys first, then wrote them, then took them back
/// took the key of each block three times, each a read of the text and of its slice.
/// (Writing the first copies into a list of `u32` of their own, so that the last walk
/// reads half the cache lines, was no faster.) Never inlined: only texts of over 2^18
/// distinct blocks take it, and inlined into [`first_copies`] it cost the walk with one
/// map of a text of distinct one-word blocks 0.16 instructions a byte.
#[inline(never)]
fn parted_first_copies(
    raw: &[&str],
    key: impl Fn(&[u8]) -> ShortKey,
    part_bits: u32,
) -> (Vec<u32>, Room) {
    debug_assert!(u32::try_from(raw.len()).is_ok());
    debug_assert!((1..=MAX_PART_BITS).contains(&part_bits));
    let parts = 1usize << part_bits;
    // Each part's entries, `key << 32 | place`, then `first copy`; and each block's part,
    // or `IN_RUN` for a block in a run.
    let mut lists = part_lists(raw.len(), parts);
    let mut part_of = Vec::with_capacity(raw.len());
    for (i, &s) in (0u32..).zip(raw) {
        if i > 0 && same_text(raw[i as usize - 1], s) {
            part_of.push(IN_RUN);
            continue;
        }
        let k = key(s.as_bytes());
        // The hash each key is probed from ([`FirstPlaces`]), its high bits the part's.
        let p = (FirstPlaces::hash(k) >> (64 - part_bits)) as u16;
        lists[usize::from(p)].push(u64::from(k.0) << 32 | u64::from(i));
        part_of.push(p);
    }
    let most = lists.iter().map(Vec::len).max().unwrap_or(0);
    let mut first = FirstPlaces::with_capacity(most);
    for list in &mut lists {
        first.reset(list.len());
        for entry in list.iter_mut() {
            let (k, i) = (ShortKey((*entry >> 32) as u32), *entry as u32);
            // (The part's keys share their high bits: the slot is picked by the others.)
            let j = first.get_or_insert_from(FirstPlaces::hash(k) << part_bits, k, i);
            let copy = j < i && same_text(raw[j as usize], raw[i as usize]);
            *entry = u64::from(if copy { j } else { i });
        }
    }
    let mut at = vec![0usize; parts];
    let mut room = Room::default();
    let mut same = Vec::with_capacity(raw.len());
    let mut prev = 0;
    for ((i, &s), &p) in (0u32..).zip(raw).zip(&part_of) {
        let j = if p == IN_RUN {
            // A run: the first copy of the block before.
            prev
        } else {
            let p = usize::from(p);
            let j = lists[p][at[p]] as u32;
            at[p] += 1;
            if j == i {
                room.add(s);
            }
            j
        };
        same.push(j);
        prev = j;
    }
    (same, room)
}

/// The most bits a part of [`parted_first_copies`] and [`parted_later_copies`]: a block's
/// part is kept in two bytes, one value of which marks a block in a run ([`IN_RUN`]).
const MAX_PART_BITS: u32 = 15;

/// The part of a block in a run in [`parted_first_copies`]: no part's number.
const IN_RUN: u16 = u16::MAX;

/// `parts` empty lists for the parts of `n` keys, each with room for an even share of
/// them and a sixteenth more: keys are hashes, spread evenly over the parts (a part's count
/// strays from its share by about the share's square root, a thousand for a million), so
/// few lists grow. One that
/// does, the part of a key that many blocks apart share, grows as a list does.
fn part_lists<T>(n: usize, parts: usize) -> Vec<Vec<T>> {
    let share = n / parts;
    let room = share + share / 16 + 64;
    (0..parts).map(|_| Vec::with_capacity(room)).collect()
}

/// `a == b`, with texts of four to sixteen bytes (most one-word blocks) compared as their
/// first and last four or eight bytes, which overlap to cover them, rather than by a call
/// to `memcmp`.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if (4..=8).contains(&a.len()) {
        a.first_chunk::<4>() == b.first_chunk::<4>() && a.last_chunk::<4>() == b.last_chunk::<4>()
    } else if (9..=16).contains(&a.len()) {
        a.first_chunk::<8>() == b.first_chunk::<8>() && a.last_chunk::<8>() == b.last_chunk::<8>()
    } else {
        a == b
    }
}

/// The key of a text in [`first_copies`]: 32 bits of [`text_key`], or for a text of up to
/// seven bytes (a one-word block) of its bytes and length as one integer times an odd
/// constant, one multiplication rather than a hasher's several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShortKey(u32);

impl ShortKey {
    /// (Always inlined: called out of line, it cost a text of distinct one-word blocks 0.5
    /// instructions a byte.)
    #[inline(always)]
    fn of(b: &[u8]) -> Self {
        if b.len() < 8 {
            // The length in the top byte, which the bytes leave zero below eight (so no two
            // texts give one integer: zeros past a text's end could be its own). The high
            // half of the product depends on every byte.
            let w = crate::fasthash::le_word(b) ^ (b.len() as u64).rotate_right(8);
            return ShortKey((w.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32);
        }
        let k = text_key(b);
        // Both halves of the hash, folded into one.
        ShortKey((k ^ (k >> 32)) as u32)
    }
}

/// The map of [`first_copies`]: [`ShortKey`] → the first block of that key, an
/// [`OpenSlots`] table probed from a multiple of the key (itself a hash), a slot holding key
/// and place in one `u64`: `key << 32 | (place + 1)` (a place is below `u32::MAX`, so
/// `place + 1` is neither 0, the empty slot, nor too wide).
struct FirstPlaces(OpenSlots);

thread_local! {
    /// The slots of the last [`FirstPlaces::kept`] map, kept on the thread for the next.
    static FIRST_SLOTS: std::cell::Cell<Vec<u64>> = const { std::cell::Cell::new(Vec::new()) };
}

impl FirstPlaces {
    /// A map for up to `n` keys.
    fn with_capacity(n: usize) -> Self {
        FirstPlaces(OpenSlots::with_capacity(n))
    }

    /// A map for up to `n` keys in the slots of the last one given back on this thread
    /// ([`FirstPlaces::give_back`]), the map of [`mapped_first_copies`]: made fresh, it
    /// was an allocation a text of more than [`FEW_BLOCKS`] blocks. (A second map while one
    /// is in use gets fresh slots.) Out of line, as [`FirstPlaces::give_back`] is: called
    /// once a text, and inlined into the walk they cost distinct one-word blocks 0.3
    /// instructions a byte (99.9 against 99.6).
    #[inline(never)]
    fn kept(n: usize) -> Self {
        FirstPlaces(OpenSlots::in_kept_room(&FIRST_SLOTS, n))
    }

    /// Gives the map's slots back to the thread for the next ([`FirstPlaces::kept`]),
    /// unless they are a huge text's (over [`crate::scratch::MAX_KEPT_BYTES`]). Called
    /// where the walk ends rather than from a `Drop`: a map that gave its slots back when
    /// dropped made the walk cost texts of one-word blocks 0.7 instructions a byte more.
    #[inline(never)]
    fn give_back(mut self) {
        self.0.give_back(&FIRST_SLOTS);
    }

    /// Empties the map and makes it one for up to `n` keys ([`OpenSlots::reset`]).
    fn reset(&mut self, n: usize) {
        self.0.reset(n);
    }

    /// The place of `key`, which becomes `place` when the key is new: what
    /// `*map.entry(key).or_insert(place)` gives. `place` is below `u32::MAX`, and no more
    /// keys than the capacity asked for are added.
    #[inline]
    fn get_or_insert(&mut self, key: ShortKey, place: u32) -> u32 {
        // (The key is a hash already, and the table spreads it over its slots.)
        self.get_or_insert_from(u64::from(key.0), key, place)
    }

    /// A hash of a key whose high bits are as good as any: the key times an odd constant.
    /// [`parted_first_copies`] picks a key's part by them, and probes from the others.
    #[inline]
    fn hash(key: ShortKey) -> u64 {
        u64::from(key.0).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// [`FirstPlaces::get_or_insert`], the slots probed from `hash` (the same for every
    /// call with one key).
    #[inline]
    fn get_or_insert_from(&mut self, hash: u64, key: ShortKey, place: u32) -> u32 {
        debug_assert_ne!(place, u32::MAX);
        let key = u64::from(key.0);
        let new = key << 32 | (u64::from(place) + 1);
        match self.0.find_or_put(hash, |slot| slot >> 32 == key, new) {
            Some(slot) => (slot as u32).wrapping_sub(1),
            None => place,
        }
    }
}

#[cfg(test)]
thread_local! {
    /// The slots written by [`OpenSlots::reset`] on this thread.
    static RESET_SLOTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// The slots read by [`OpenSlots::find_or_put`] on this thread.
    static PROBED_SLOTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A thread-local cell of [`OpenSlots`]' slots, kept from one table to the next
/// ([`OpenSlots::in_kept_room`], [`OpenSlots::give_back`]).
type KeptRoom = std::thread::LocalKey<std::cell::Cell<Vec<u64>>>;

/// A hash table of non-zero `u64` words, for the maps and sets of block keys that are
/// hashes already: open addressing from the high bits of a hash times a number (below),
/// with no hashing again and one comparison of integers a probe, where a `HashMap` or `HashSet` hashes the key and
/// probes a group of tags. The slots are the first power of two above 3/2 of the capacity,
/// so that at most two in three are taken: a linear probe's runs grow fast past that (with
/// hashbrown's bucket count, 8/7 of it, a text of 175,000 distinct one-word blocks filled
/// two slots in three and cost 1.4 instructions a byte more). For some counts of keys the
/// table is twice what it was (700 keys: 2,048 slots, not 1,024), but a text of many blocks
/// has larger lists besides: 10 MB of distinct one-word blocks peaked at 191.9 MB of RSS
/// against 191.3 MB before. A table of zeros (empty slots) is had from the allocator with
/// no writes.
///
/// The first slot of a probe is taken from the hash times an odd number drawn at random
/// once a process ([`slot_multiplier`]), mixed once more ([`OpenSlots::first_slot`]), not
/// from the hash itself: the hashes are of the input's text, with no secret, so a text made
/// for it could give thousands of blocks hashes of one first slot, and each look-up would
/// walk past all the others (100,000 crafted seven-byte words took 2.4 s, 500,000 with
/// repeats 17 s). With a multiplier it cannot know, two distinct hashes share a first slot
/// about as often as random ones. The words found are the same whatever the multiplier:
/// only the time changes.
#[derive(Debug)]
struct OpenSlots {
    /// The words, 0 for an empty slot; a power of two of them, always more than the words
    /// put in, so that a probe always reaches an empty slot.
    slots: Vec<u64>,
    /// 64 less the bits of a slot index (below 64: there are two slots at least).
    shift: u32,
    /// The process's [`slot_multiplier`].
    mul: u64,
}

/// An odd number drawn at random once a process (from std's `RandomState`, seeded by the
/// operating system), which [`OpenSlots`] multiplies hashes by before taking a slot.
fn slot_multiplier() -> u64 {
    static MUL: OnceLock<u64> = OnceLock::new();
    *MUL.get_or_init(|| {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(0x6f70_656e_736c_6f74u64) | 1
    })
}

impl OpenSlots {
    /// A table for up to `n` words.
    fn with_capacity(n: usize) -> Self {
        let len = Self::slots_for(n);
        OpenSlots {
            slots: vec![0; len],
            shift: 64 - len.trailing_zeros(),
            mul: slot_multiplier(),
        }
    }

    /// The first slot of a probe from `hash`: the hash times the process's multiplier, its
    /// high half folded into its low half, times a fixed odd number (2^64 over the golden
    /// ratio), high bits. The second multiplication carries the folded bits up into the
    /// slot: with the first alone, hashes in a run (1, 2, 3, …) crowded into a few slots for
    /// about one multiplier in sixteen (one that is close to a fraction of small
    /// denominator), and read 4 slots a look-up or more.
    #[inline]
    fn first_slot(&self, hash: u64) -> usize {
        let x = hash.wrapping_mul(self.mul);
        ((x ^ (x >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// How many slots a table for up to `n` words has.
    #[inline]
    fn slots_for(n: usize) -> usize {
        (n + n / 2 + 1).max(2).next_power_of_two()
    }

    /// The word that `is_it` picks among those probed from `hash`, or `None` after putting
    /// `new` (not 0) in the first empty slot. No more words than the capacity asked for may
    /// be put in.
    #[inline]
    fn find_or_put(&mut self, hash: u64, is_it: impl Fn(u64) -> bool, new: u64) -> Option<u64> {
        debug_assert_ne!(new, 0);
        let mask = self.slots.len() - 1;
        let mut i = self.first_slot(hash);
        loop {
            #[cfg(test)]
            PROBED_SLOTS.with(|n| n.set(n.get() + 1));
            match self.slots[i] {
                0 => {
                    self.slots[i] = new;
                    return None;
                }
                slot if is_it(slot) => return Some(slot),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// A table for up to `n` words in the slots the thread keeps in `kept` (taken out; any
    /// words in them are dropped), given back by [`OpenSlots::give_back`]: made for `n`
    /// words or more, it allocates nothing. Too small (or in use by another table, or gone
    /// with the thread), it is dropped for a fresh table, whose zeroed slots the allocator
    /// gives (new pages, not written): zeroed in place after growing, a text of 170,000
    /// one-word blocks wrote 2 MiB of slots, 4 instructions a byte of the text in callgrind.
    #[inline]
    fn in_kept_room(kept: &'static KeptRoom, n: usize) -> Self {
        let slots = crate::scratch::take_list(kept);
        if slots.capacity() < Self::slots_for(n) {
            return OpenSlots::with_capacity(n);
        }
        let mut table = OpenSlots {
            slots,
            shift: 0,
            mul: slot_multiplier(),
        };
        table.reset(n);
        table
    }

    /// Gives the table's slots back to the thread's `kept` for the next table
    /// ([`OpenSlots::in_kept_room`]), emptied, unless they are a huge text's (over
    /// [`crate::scratch::MAX_KEPT_BYTES`]); the table is left with none.
    #[inline]
    fn give_back(&mut self, kept: &'static KeptRoom) {
        crate::scratch::give_back_list(kept, std::mem::take(&mut self.slots));
    }

    /// Empties the table and makes it one for up to `n` words, in the slots it has room for
    /// (made for `n` words or more, it allocates nothing): only the slots of a table for `n`
    /// words are written, so that tables of many sizes in turn cost their own sizes.
    fn reset(&mut self, n: usize) {
        let len = Self::slots_for(n);
        self.slots.clear();
        self.slots.resize(len, 0);
        self.shift = 64 - len.trailing_zeros();
        #[cfg(test)]
        RESET_SLOTS.with(|slots| slots.set(slots.get() + len));
    }

    /// The word that `is_it` picks among those probed from `hash`, as
    /// [`OpenSlots::find_or_put`] finds it, or `None`, with nothing put in.
    #[inline]
    fn find(&self, hash: u64, is_it: impl Fn(u64) -> bool) -> Option<u64> {
        let mask = self.slots.len() - 1;
        let mut i = self.first_slot(hash);
        loop {
            match self.slots[i] {
                0 => return None,
                slot if is_it(slot) => return Some(slot),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// A hash of the length and the first, middle and last eight bytes of `b` (of all its bytes
/// when it is shorter).
fn text_key(b: &[u8]) -> u64 {
    let word = |at: usize| crate::fasthash::le_word(b.get(at..).unwrap_or_default());
    use std::hash::Hasher;
    let mut h = crate::fasthash::FastHasher::default();
    h.write_usize(b.len());
    h.write_u64(word(0));
    if b.len() > 8 {
        h.write_u64(word(b.len() / 2 - 4));
        h.write_u64(word(b.len() - 8));
    }
    h.finish()
}

fn meta(s: &str, f: &Features) -> Meta {
    // Long prose (most of a story's paragraphs) is ruled out by its counts alone from
    // every test below but the gallery caption's ([`lines::too_long_for_metadata`]): one
    // branch, where the tests in turn asked their counts six times.
    if lines::too_long_for_metadata(f) {
        return if lines::is_gallery_caption(s, f) {
            Meta::Credit
        } else {
            Meta::None
        };
    }
    meta_in_turn(s, f)
}

/// [`meta`] by its tests in turn, the first that holds deciding.
#[inline(always)]
fn meta_in_turn(s: &str, f: &Features) -> Meta {
    if lines::is_byline(s, f) {
        Meta::Byline
    } else if lines::is_date(s, f) {
        Meta::Date
    } else if lines::is_credit(s, f) {
        Meta::Credit
    } else if lines::is_tag_heading(f) {
        Meta::TagHeading
    } else if lines::is_tag_line(s, f) {
        Meta::TagLine
    } else {
        Meta::None
    }
}

/// The least size of a block that is not [`Class::Short`] (or bad): the smallest size any
/// test of [`class`] asks for.
const MIN_NEAR_SIZE: usize = 3;

/// The class of a block by its features and metadata kind.
///
/// Past the tests of a bad block (a branch taken by most blocks of boilerplate, well
/// predicted), every test is asked, with no branch, and the class looked up from their
/// answers ([`CLASS_OF`]): the tests are pure, and the first that holds in the order
/// short, good, near (else short) decides, as the tests one by one did (the test
/// `class_agrees_with_the_tests_in_turn` checks it). The class of a block is as good as
/// random from one block to the next, and those tests in turn mispredicted about once a
/// block (web corpus: 24K simulated mispredicts in all).
#[inline]
fn class(f: &Features, meta: Meta) -> Class {
    if f.reason.is_some()
        || !matches!(meta, Meta::None | Meta::TagLine)
        || f.linky() && f.words < 12
        || f.teaser()
    {
        return Class::Bad;
    }
    let size = f.size();
    // Prose needs ten words at least, a short sentence or list item three.
    let short = size < MIN_NEAR_SIZE;
    // [`Features::lower_ratio`], with a select for its case of no cased word.
    let cased = f.lower + f.upper;
    let ratio = f.lower as f32 / cased.max(1) as f32;
    let lower = if cased == 0 { 1.0 } else { ratio };
    // Menus and tag lists: many separators, or many commas and no sentence end. (The
    // counts are at most `MAX_COUNT`, 2^28: four times one fits.)
    let listy =
        (f.separators * 4 > f.words.max(1)) | !f.terminal() & (f.commas * 4 >= f.words.max(1));
    let good =
        f.sentence() & (size >= 10) & (lower >= 0.4) & !listy | (size >= 30) & (lower >= 0.5);
    let near = f.terminal() & (size >= 4) & (lower >= 0.3)
        | (size >= 10) & (lower >= 0.5) & !listy
        | f.list_marker() & (size >= 3);
    CLASS_OF[usize::from(short) | usize::from(good) << 1 | usize::from(near) << 2]
}

/// The class of a block that is not bad by which of the tests of [`class`] hold (bit 0
/// short, bit 1 good, bit 2 near): the first of them in that order, else short.
const CLASS_OF: [Class; 8] = {
    let mut t = [Class::Short; 8];
    let mut k = 0;
    while k < 8 {
        t[k] = if k & 1 != 0 {
            Class::Short
        } else if k & 2 != 0 {
            Class::Good
        } else if k & 4 != 0 {
            Class::Near
        } else {
            Class::Short
        };
        k += 1;
    }
    t
};

/// The most one block adds to a run of story blocks: a whole story repeated in one
/// block (a summary field, a text dump) must not pull the run past the junk after the
/// story; a story that is one block still wins alone.
const MAX_BLOCK_WEIGHT: f32 = 300.0;

/// What a photo credit costs a run of story blocks.
const CREDIT_WEIGHT: f32 = -2.0;

/// How much a block adds to a run of story blocks: prose adds its size in words, junk costs.
fn weight(f: &Features, c: Class) -> f32 {
    let size = f.size() as f32;
    match c {
        Class::Good => size.min(MAX_BLOCK_WEIGHT),
        // A short line without a full stop between stories: a teaser headline.
        Class::Near if !f.terminal() && !f.list_marker() => -3.0,
        Class::Near => size * 0.2,
        Class::Short if content_like(f) => -1.0,
        Class::Short => -(8.0 + size * 0.5).min(15.0),
        Class::Bad if barrier_reason(f) => -60.0,
        Class::Bad => -(15.0 + size * 0.25).min(25.0),
    }
}

/// Boilerplate that ends a story: comments, related stories, legal footers, cookies.
fn barrier_reason(f: &Features) -> bool {
    matches!(
        f.reason,
        Some(
            BoilerplateReason::Comments
                | BoilerplateReason::Related
                | BoilerplateReason::Copyright
                | BoilerplateReason::Cookie
        )
    )
}

/// A short block that looks like content rather than a link: digits, lower-case words,
/// inner punctuation, a list marker.
fn content_like(f: &Features) -> bool {
    f.list_marker()
        || f.digits > 0
        || f.words >= 3 && f.lower_ratio() >= 0.5
        || f.commas > 0 && f.words >= 3
}

/// The maximum-sum segment of `w` (Kadane): `(sum, first, last)`, starting and ending on a
/// positive weight.
fn max_segment(w: &[f32]) -> Option<(f32, usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0f32;
    let mut from = 0;
    for (i, &x) in w.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            from = i;
        }
        sum += x;
        if x > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, from, i));
        }
    }
    let (sum, mut first, last) = best?;
    while first < last && w[first] <= 0.0 {
        first += 1;
    }
    Some((sum, first, last))
}

/// True for boilerplate that ends a story: comments, related stories, legal footers.
fn is_barrier(f: &Features, c: Class) -> bool {
    c == Class::Bad && barrier_reason(f)
}

/// True when place `i` is marked in `marks`, a list of marks by place (the table blocks of
/// [`table::table_blocks`], the chart blocks of [`chart_blocks`]) that may stop before the
/// last place (or be empty): the places past its end are not marked.
#[inline]
fn marked(marks: &[bool], i: usize) -> bool {
    marks.get(i).copied().unwrap_or(false)
}

/// The first and last block of the main body run: the run of blocks with the greatest
/// total [`weight`], then neighbouring runs of real weight that no barrier separates from
/// it (a story cut in two by a code listing, a chart or a share bar). The blocks' weights
/// are written into `w` (emptied first; the thread's kept list).
///
/// One block (a quotation): the run is that block when it weighs more than nothing, as
/// the search finds, told here with no list of weights made and, inlined, no call.
#[inline(always)]
fn body_run(
    raw: &[&str],
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    table: &[bool],
    w: &mut Vec<f32>,
) -> Option<(usize, usize)> {
    if feats.len() == 1 {
        let weight = run_weight(&feats[0], class[0], marked(table, 0), meta[0], &mut 0);
        return (weight > 0.0).then_some((0, 0));
    }
    body_run_of_many(raw, feats, meta, class, table, w)
}

/// What block `f` (its class `c`, metadata `m`, `cell` when it lies in a table) adds to a
/// run of story blocks, `run` the number of set-aside blocks in a row before it (counted
/// on here). A run of junk costs more the longer it goes on: the k-th block of a run of
/// set-aside blocks in a row weighs (1 + k / 2) times its own weight.
#[inline]
fn run_weight(f: &Features, c: Class, cell: bool, m: Meta, run: &mut usize) -> f32 {
    let grow = 0.5f32;
    let x = weight(f, c);
    if cell {
        // A table between paragraphs of the story costs nothing.
        *run = 0;
        x.max(0.0)
    } else if m == Meta::Credit {
        // Photo credits sit between a story's paragraphs (a gallery of pictures, each
        // credited): they cost little and do not make a run of junk longer.
        CREDIT_WEIGHT
    } else if c == Class::Bad {
        *run += 1;
        x * (1.0 + grow * (*run - 1) as f32)
    } else {
        *run = 0;
        x
    }
}

/// [`body_run`] of a text of more than one block. (Never inlined, so that [`body_run`]
/// is: a quote paragraph paid some 70 instructions for the call.)
#[inline(never)]
fn body_run_of_many(
    raw: &[&str],
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    table: &[bool],
    w: &mut Vec<f32>,
) -> Option<(usize, usize)> {
    let mut run = 0usize;
    let weigh =
        |i: usize, f: &Features| run_weight(f, class[i], marked(table, i), meta[i], &mut run);
    // (The weights go into the thread's kept list, [`Buffers::weights`]: made fresh, an
    // allocation a page.)
    w.clear();
    feats.extend_each(w, weigh);
    let w: &[f32] = w;
    let (sum, first, last) = max_segment(w)?;
    // Junk above a run may cost up to twice what the run weighs (a story's first
    // paragraph cut off by a picture box or a table of contents); below, no more than it
    // weighs (comments and teasers follow stories).
    let (frac, alpha, alpha_before, gap_len) = (0.03, 1.0, 2.0, 60);
    // The content words of the heaviest run: a part of the story cut off by a box of
    // links to other stories shares them; the stories linked to do not.
    let story = overlap::StoryWords::new(
        (first..=last)
            .filter(|&i| class[i] == Class::Good)
            .map(|i| raw[i]),
    );
    let on_topic = |from: usize, to: usize| {
        let (mut hits, mut total) = (0.0f32, 0usize);
        for i in (from..=to).filter(|&i| class[i] == Class::Good) {
            let (share, units) = story.share(raw[i]);
            hits += share * units as f32;
            total += units;
        }
        total > 0 && hits >= MIN_ON_TOPIC * total as f32
    };
    // A neighbouring run joins when it is heavy enough and the junk between costs less
    // than it weighs, with no barrier in between; or, across a short box of related
    // stories, when it is about the same things. Above the story, teaser titles in such
    // a box may read like comment links ("… suspends reviews").
    let joins = |s: f32, a: usize, b: usize, run: (usize, usize), above: bool| {
        let alpha = if above { alpha_before } else { alpha };
        let related_box = || {
            b.saturating_sub(a) <= RELATED_BOX_LEN
                && s >= 40.0
                && (a..b).all(|i| {
                    !is_barrier(&feats[i], class[i])
                        || feats[i].reason == Some(BoilerplateReason::Related)
                        || above && feats[i].reason == Some(BoilerplateReason::Comments)
                })
                && on_topic(run.0, run.1)
        };
        // (The gap's length first: the sum and the barrier test read the whole gap, and a
        // run found far away would have them read it for nothing.)
        b.saturating_sub(a) <= gap_len
            && s >= 20.0
            && s >= sum * frac
            && -w.get(a..b).map_or(0.0, |g| g.iter().sum::<f32>()) <= alpha * s
            && ((a..b).all(|i| !is_barrier(&feats[i], class[i])) || related_box())
    };
    let mut scanned = 0;
    Some(grow_run(w, (first, last), joins, &mut scanned))
}

/// The most weights [`grow_run`] reads in whole searches for a text of `n` blocks: 16 a
/// block, and at least a million (far more than any page's joins need: every join reads
/// the weights on one side of the run again). A text made so that each pass joins one small
/// run (a paragraph, then lines that cost exactly what it weighs, over and over) would
/// otherwise be read once a run: 4 MB of it took 12 s.
fn scan_budget(n: usize) -> usize {
    n.saturating_mul(16).max(1 << 20)
}

/// A run that joins, as [`max_segment`] gives it (sum, first, last), or `None`.
type Found = Option<(f32, usize, usize)>;

/// The weights next to the run that [`grow_run`] searches on each side once its budget is
/// spent. A run joins only across a gap of up to 60 blocks, so the runs within reach start
/// in it.
const NEAR_WEIGHTS: usize = 256;

/// The run `(first, last)` of the weights `w` grown by the neighbouring runs that join it:
/// over and over, the heaviest run above it ([`max_segment`] of the weights before it)
/// joins if `joins(sum, gap start, gap end, run, true)` says so; else the heaviest run below
/// it, if `joins(sum, gap start, gap end, run, false)` says so; else the run is done.
///
/// A side's search is kept until the run grows on that side (`joins` must depend on
/// nothing else). Past [`scan_budget`] weights read (counted in `scanned`) each search
/// reads only the [`NEAR_WEIGHTS`] weights next to the run: only a text made to join one
/// small run a pass gets there, and its time stays linear (each pass grows the run) where
/// it was quadratic. Such a search can find a run that joins where the search of the whole
/// side found a heavier one, too far away to join, and stopped.
fn grow_run(
    w: &[f32],
    (mut first, mut last): (usize, usize),
    joins: impl Fn(f32, usize, usize, (usize, usize), bool) -> bool,
    scanned: &mut usize,
) -> (usize, usize) {
    let budget = scan_budget(w.len());
    // The end of the run each side was last searched for, and what was found there.
    let mut before: Option<(usize, Found)> = None;
    let mut after: Option<(usize, Found)> = None;
    // The weights from `from` to `to` to search: all of them while the budget lasts, then
    // the `NEAR_WEIGHTS` of them next to the run (at the end `near_end` of the range).
    let mut range = |from: usize, to: usize, near_end: bool| {
        let (from, to) = if *scanned + (to - from) <= budget {
            (from, to)
        } else if near_end {
            (from, to.min(from + NEAR_WEIGHTS))
        } else {
            (from.max(to.saturating_sub(NEAR_WEIGHTS)), to)
        };
        *scanned += to - from;
        (from, w.get(from..to).unwrap_or(&[]))
    };
    loop {
        let above = match before {
            Some((at, found)) if at == first => found,
            _ => {
                let (from, part) = range(0, first, false);
                let found = max_segment(part)
                    .map(|(s, f, l)| (s, f + from, l + from))
                    .filter(|&(s, f, l)| joins(s, l + 1, first, (f, l), true));
                before = Some((first, found));
                found
            }
        };
        if let Some((_, f, _)) = above {
            first = f;
            continue;
        }
        let below = match after {
            Some((at, found)) if at == last => found,
            _ => {
                let (from, part) = range(last + 1, w.len().max(last + 1), true);
                let found = max_segment(part)
                    .map(|(s, f, l)| (s, f + from, l + from))
                    .filter(|&(s, f, l)| joins(s, last + 1, f, (f, l), false));
                after = Some((last, found));
                found
            }
        };
        match below {
            Some((_, _, l)) => last = l,
            None => break,
        }
    }
    (first, last)
}

/// `last`, the story's last block, or the block after it when that is a short closing
/// sentence of the story ("Nobody was hurt.", "Police are investigating."): a block too
/// short for prose ([`Class::Short`]) that ends with a full stop, starts with a capital,
/// has two words or more, all but one of them in lower case, and is no tag line (other
/// metadata, and a boilerplate phrase, make a block [`Class::Bad`]). Its weight is that of
/// a short line, so the story's run ([`body_run`]) left it out, and with it the sentence
/// that so often ends a news story.
fn closing_line(feats: Feats, meta: &[Meta], class: &[Class], last: usize) -> usize {
    let next = last + 1;
    let Some(f) = feats.get(next) else {
        return last;
    };
    let closing = class[next] == Class::Short
        && meta[next] == Meta::None
        && f.full_stop()
        && f.words >= 2
        && f.upper >= 1
        && f.lower + 1 >= f.words;
    if closing {
        next
    } else {
        last
    }
}

/// The last block of the story once a list after its last block `last` is added: a list
/// that the story introduces ("Tour dates:") runs on after its last sentence, and so does
/// one its last sentence announces ("our picks are below").
///
/// Either list has at least [`MIN_LIST_ITEMS`] blocks: with fewer blocks after the story the
/// story ends at `last`, told without reading its last sentence (a text of one paragraph,
/// as most quote paragraphs are, paid for a scan of that sentence's every byte).
fn story_end(raw: &[&str], feats: Feats, meta: &[Meta], class: &[Class], last: usize) -> usize {
    if feats.len().saturating_sub(last + 1) < MIN_LIST_ITEMS {
        return last;
    }
    story_end_read(raw, feats, meta, class, last)
}

/// Fewest blocks of a list after the story ([`announced_list`], [`list_tail`]).
const MIN_LIST_ITEMS: usize = 3;

/// [`story_end`], with the last sentence read whatever follows the story.
fn story_end_read(
    raw: &[&str],
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    last: usize,
) -> usize {
    if announces_list(raw[last]) {
        announced_list(feats, meta, class, last)
    } else {
        list_tail(feats, class, last)
    }
}

/// Folded words that point from a sentence to what follows it.
const BELOW: &[&str] = &["below", "abajo", "dessous", "unten", "abaixo", "ниже"];

/// How much of the end of a block [`announces_list`] reads, in bytes other than slack
/// ([`tail_start`]: a CRLF block's window, or one with doubled spaces, holds the words the
/// LF block's with single spaces does).
const MAX_LIST_CUE_BYTES: usize = 600;

/// True when the last sentence of `s` points to a list after it ("Check out our picks
/// below.").
fn announces_list(s: &str) -> bool {
    let body = trim_end_non_alphanumeric(s);
    // Only the end of a long block is read: a pointer to a list comes at the end of the
    // story's last sentence, and a block of one endless sentence is not read word by word.
    let cut = crate::lex::ceil_char(body, tail_start(body, MAX_LIST_CUE_BYTES));
    let window = &body[cut..];
    // The sentence marks are ASCII: their bytes are never inside another character.
    let stop = memchr::memrchr3(b'.', b'!', b'?', window.as_bytes());
    let last_sentence = match stop {
        Some(i) => window.get(i + 1..).unwrap_or(""),
        // The window starts inside a word, maybe: that word is not read.
        None if cut > 0 => window
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r),
        None => window,
    };
    // A word equal to a pointer word is that word inside the sentence: without one, the
    // sentence is not split into words.
    may_hold_below(last_sentence)
        && last_sentence.split_whitespace().any(|w| {
            // Trimming only shortens a word: one shorter than every pointer word is none.
            w.len() >= MIN_BELOW_BYTES && {
                let w = trim_non_alphanumeric(w);
                BELOW.iter().any(|b| w.eq_ignore_ascii_case(b))
            }
        })
}

/// `s.trim_end_matches(|c: char| !c.is_alphanumeric())` (blanks are trimmed too: none is
/// alphanumeric), with ASCII bytes at the end trimmed byte by byte: a character is decoded
/// only from the last one outside ASCII on (a closing curly quote, say).
fn trim_end_non_alphanumeric(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while let Some(&b) = end.checked_sub(1).and_then(|i| bytes.get(i)) {
        if b >= 0x80 {
            // (`end` follows an ASCII byte or is the end: a character boundary.)
            return s
                .get(..end)
                .unwrap_or(s)
                .trim_end_matches(|c: char| !c.is_alphanumeric());
        }
        if b.is_ascii_alphanumeric() {
            break;
        }
        end -= 1;
    }
    s.get(..end).unwrap_or(s)
}

/// Four bytes in a row of each word of [`BELOW`] (in the order of the list), rarer in
/// prose than the words' first bytes, each with bit 0x20 set: the bytes of such a word in
/// any ASCII case, with that bit set, are these ([`may_hold_below_gram`]).
const BELOW_GRAMS: [[u8; 4]; 6] = [
    *b"elow",
    *b"abaj",
    *b"dess",
    *b"unte",
    *b"abai",
    // "иж" of "ниже".
    [0xD0 | 0x20, 0xB8, 0xD0 | 0x20, 0xB6],
];

/// False when no four bytes in a row of `bytes`, with bit 0x20 set in each, are one of
/// [`BELOW_GRAMS`]: then no word of [`BELOW`] occurs in it (ASCII case ignored). Every
/// place is compared, with no branch but the loop's: the compiler compares sixteen places
/// at a step. The byte scan of [`may_hold_below`] took a branch at each of the common
/// letters that start the words (`a`, `b`, `d`, `u`), mispredicted often (the quotes
/// corpus: 108K simulated mispredicts there, 6% of its parse's).
fn may_hold_below_gram(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let (Some(a), Some(b), Some(c), Some(d)) = (
        bytes.get(..n.wrapping_sub(3)),
        bytes.get(1..n.wrapping_sub(2)),
        bytes.get(2..n.wrapping_sub(1)),
        bytes.get(3..),
    ) else {
        // Fewer than four bytes: no word of the list fits.
        return false;
    };
    a.iter()
        .zip(b)
        .zip(c)
        .zip(d)
        .fold(false, |found, (((&a, &b), &c), &d)| {
            let (a, b, c, d) = (a | 0x20, b | 0x20, c | 0x20, d | 0x20);
            BELOW_GRAMS.iter().fold(found, |found, g| {
                found | (a == g[0]) & (b == g[1]) & (c == g[2]) & (d == g[3])
            })
        })
}

/// True when a word of [`BELOW`] occurs in `s` (ASCII case ignored), as a word or inside
/// one: a scan of four bytes at each place ([`may_hold_below_gram`]), then a byte scan, which
/// rule out most sentences.
fn may_hold_below(s: &str) -> bool {
    let bytes = s.as_bytes();
    may_hold_below_gram(bytes)
        && bytes.iter().enumerate().any(|(i, &b)| {
            // (Only the words that start with this byte are compared: "a", "b", "d" and "u" are
            // common letters.)
            let lower = b.to_ascii_lowercase();
            BELOW_FIRST[usize::from(b)]
                && BELOW.iter().any(|w| {
                    w.as_bytes().first() == Some(&lower)
                        && bytes
                            .get(i..i + w.len())
                            .is_some_and(|t| t.eq_ignore_ascii_case(w.as_bytes()))
                })
        })
}

/// `BELOW_FIRST[b]`: a word of [`BELOW`] starts with the byte `b` (ASCII case ignored).
static BELOW_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < BELOW.len() {
        let first = BELOW[k].as_bytes()[0];
        t[first as usize] = true;
        t[first.to_ascii_uppercase() as usize] = true;
        k += 1;
    }
    t
};

// `may_hold_below` lowers the byte it reads and compares it with a word's first byte:
// every word of [`BELOW`] must start with a lower-case letter or a byte outside ASCII.
const _: () = {
    let mut k = 0;
    while k < BELOW.len() {
        let first = BELOW[k].as_bytes()[0];
        assert!(first.is_ascii_lowercase() || !first.is_ascii());
        k += 1;
    }
};

/// The fewest bytes of a word of [`BELOW`].
const MIN_BELOW_BYTES: usize = 5;

/// `w.trim_matches(|c: char| !c.is_alphanumeric())`, with ASCII ends trimmed byte by
/// byte: only a character outside ASCII at an end is decoded.
fn trim_non_alphanumeric(w: &str) -> &str {
    let bytes = w.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| b >= 0x80 || b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b >= 0x80 || b.is_ascii_alphanumeric())
        .map_or(start, |i| i + 1)
        .max(start);
    // The cuts are at ASCII bytes or at the ends: character boundaries.
    let rest = w.get(start..end).unwrap_or("");
    if rest.as_bytes().first().is_some_and(|&b| b >= 0x80)
        || rest.as_bytes().last().is_some_and(|&b| b >= 0x80)
    {
        rest.trim_matches(|c: char| !c.is_alphanumeric())
    } else {
        rest
    }
}

/// The most blocks a list announced by the story may run over.
const MAX_ANNOUNCED_LIST: usize = 250;

/// How many set-aside blocks in a row end an announced list (a short line that is not
/// content-like counts half).
const MAX_WEAK_RUN: usize = 3;

/// The last block of a list that the story's last block `last` announces: the story runs
/// on over short content lines (product names, prices, features, dates) until a barrier
/// (comments, legal footer, cookie notice), a tag list, or [`MAX_WEAK_RUN`] weak blocks in
/// a row; set-aside blocks among the items stay set aside.
fn announced_list(feats: Feats, meta: &[Meta], class: &[Class], last: usize) -> usize {
    let mut end = last;
    let mut weak = 0;
    let mut items = 0;
    for j in last + 1..feats.len().min(last + 1 + MAX_ANNOUNCED_LIST) {
        let f = &feats[j];
        if is_barrier(f, class[j]) && f.reason != Some(BoilerplateReason::Related)
            || meta[j] == Meta::TagHeading
        {
            break;
        }
        let strong = match class[j] {
            // Prices and dates are items too.
            Class::Bad => meta[j] == Meta::Date,
            Class::Short => content_like(f),
            Class::Near | Class::Good => true,
        };
        if strong {
            weak = 0;
            items += 1;
            end = j;
        } else {
            // A short title-like line ("Swim proof", "Apple Watch") counts half.
            weak += if class[j] == Class::Bad { 2 } else { 1 };
            if weak >= 2 * MAX_WEAK_RUN {
                break;
            }
        }
    }
    if items >= MIN_LIST_ITEMS {
        end
    } else {
        list_tail(feats, class, last)
    }
}

/// The last block of a list of short content lines right after block `last` (the end of
/// the story), or `last` when there is none: at least three items, introduced by a line
/// ending in a colon or sharing one shape (all starting with a digit, a marker or a capital).
fn list_tail(feats: Feats, class: &[Class], last: usize) -> usize {
    let item = |i: usize| {
        feats.get(i).is_some_and(|f| {
            f.reason.is_none()
                && (class[i] == Class::Short && content_like(f)
                    || class[i] == Class::Near && (f.terminal() || f.list_marker()))
        })
    };
    let mut end = last;
    while item(end + 1) {
        end += 1;
    }
    let n = end - last;
    if n < MIN_LIST_ITEMS {
        return last;
    }
    let introduced = feats[last].colon();
    let shape = |f: &Features| (f.list_marker(), f.digits > 0, f.lower_ratio() >= 0.5);
    let first = shape(&feats[last + 1]);
    let same = (last + 1..=end)
        .filter(|&i| shape(&feats[i]) == first)
        .count();
    if introduced || n >= 5 && same * 10 >= n * 8 {
        end
    } else {
        last
    }
}

/// The label of a set-aside block by its own text, outside the body.
fn aside(f: &Features, meta: Meta) -> Label {
    match meta {
        Meta::Byline => Label::Byline,
        Meta::Date => Label::Date,
        Meta::Credit => Label::Credit,
        _ => Label::Boilerplate(f.reason.unwrap_or(BoilerplateReason::Other)),
    }
}

/// Labels the blocks of the main run `start..=end`.
fn body(
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    table: &[bool],
    start: usize,
    end: usize,
    labels: &mut [Label],
) {
    let chart = chart_blocks(feats, class, start, end);
    for i in start..=end {
        let f = &feats[i];
        labels[i] = match class[i] {
            Class::Short | Class::Near | Class::Good if marked(table, i) => Label::Paragraph,
            Class::Good | Class::Near => Label::Paragraph,
            Class::Short if marked(&chart, i - start) => {
                Label::Boilerplate(BoilerplateReason::Other)
            }
            Class::Bad => match aside(f, meta[i]) {
                // A byline inside the story only at its top (after a photo, say).
                Label::Byline if i > start + 3 => Label::Boilerplate(BoilerplateReason::Other),
                l => l,
            },
            Class::Short => {
                let next_prose = (i + 1..=end.min(i + 8))
                    .find(|&j| class[j] != Class::Bad)
                    .is_some_and(|j| matches!(class[j], Class::Good | Class::Near));
                let small = if f.caseless_script() {
                    f.chars <= 40
                } else {
                    f.words <= 14
                };
                if small
                    && !f.terminal()
                    && !f.colon()
                    && !f.list_marker()
                    && f.commas == 0
                    && next_prose
                    && i > start
                {
                    Label::Subhead
                } else {
                    Label::Paragraph
                }
            }
        };
    }
}

/// Sets aside the links of a box of related stories inside the story `start..=end`: the
/// title-like blocks (short, no sentence end) right under a related-stories heading.
fn related_boxes(feats: Feats, class: &[Class], start: usize, end: usize, labels: &mut [Label]) {
    for i in start..=end {
        if feats[i].reason != Some(BoilerplateReason::Related) {
            continue;
        }
        // Links, and set-aside blocks among them.
        let link = |j: usize| {
            class[j] == Class::Bad
                || matches!(class[j], Class::Near | Class::Short)
                    && !feats[j].terminal()
                    && !feats[j].colon()
        };
        for j in (i + 1..=end.min(i + RELATED_BOX_LEN)).take_while(|&j| link(j)) {
            if class[j] != Class::Bad {
                labels[j] = Label::Boilerplate(BoilerplateReason::Related);
            }
        }
    }
}

/// The fewest words of a teaser's title ([`linked_twice`]): shorter repeats are list items
/// or table cells ("new", "1%").
const MIN_TEASER_WORDS: u32 = 4;

/// Sets aside the teasers for other stories inside the story `start..=end` whose title is
/// linked twice in a row (once under the picture, once as text), with the section label
/// over each copy ("Business", "Column: …", "Business", "Column: …").
fn linked_twice(feats: Feats, class: &[Class], start: usize, end: usize, labels: &mut [Label]) {
    let title = |i: usize| {
        let f = &feats[i];
        matches!(class[i], Class::Near | Class::Short)
            && f.words >= MIN_TEASER_WORDS
            && !f.terminal()
            && !f.colon()
            && !f.list_marker()
            && f.key != 0
    };
    let label_word = |i: usize| class[i] == Class::Short && feats[i].words <= 2;
    for i in start..=end {
        if !title(i) {
            continue;
        }
        let Some(copy) = (i + 1..=(i + 2).min(end)).find(|&j| feats[j].key == feats[i].key) else {
            continue;
        };
        for j in [i, copy] {
            labels[j] = Label::Boilerplate(BoilerplateReason::Related);
            if j > start && label_word(j - 1) {
                labels[j - 1] = Label::Boilerplate(BoilerplateReason::Related);
            }
        }
    }
}

/// Marks the short blocks of charts inside the story `start..=end`: runs of at least
/// [`CHART_MIN`] blocks that are not prose, two in five of them bare numbers ("$915",
/// "’98", "40%"): axis labels and values, not text. In a table the rows' notes break
/// such runs ("Jane Doe", "63", "85%", then "Two goals, one assist."). A last short
/// line without digits right before prose is left out: it is the next subhead.
///
/// The marks are by place from `start`, and the list stops after the last chart block (it
/// is empty, with nothing allocated, in a story with no chart: most), so it is read with
/// [`marked`].
fn chart_blocks(feats: Feats, class: &[Class], start: usize, end: usize) -> Vec<bool> {
    let mut chart = Vec::new();
    // A run of blocks shorter than a chart holds none: nothing to read (a quote paragraph's
    // story is one block).
    if end + 1 - start < CHART_MIN {
        return chart;
    }
    let bare_number = |f: &Features| f.digits > 0 && f.letters == 0;
    let mut i = start;
    while i <= end {
        let mut j = i;
        while j <= end && matches!(class[j], Class::Short | Class::Bad) {
            j += 1;
        }
        let numbers = (i..j).filter(|&k| bare_number(&feats[k])).count();
        if j - i >= CHART_MIN && numbers * 5 >= (j - i) * 2 {
            // A last short line right before prose is the next subhead.
            let last = j - 1;
            let subhead = j <= end && class[last] == Class::Short && feats[last].digits == 0;
            let to = if subhead { last } else { j };
            if chart.len() < to - start {
                chart.resize(to - start, false);
            }
            for c in chart.iter_mut().take(to - start).skip(i - start) {
                *c = true;
            }
        }
        i = j + 1;
    }
    chart
}

/// The label of block `f` (its metadata `m`) above the story, before the headline and dek
/// are placed ([`header`]): a byline when its name makes it one (`byline_name`), its own
/// label else ([`aside`]), but metadata above `zone` (`above_zone`) counts for nothing and
/// a short leftover block is navigation.
#[inline]
fn above_story_label(f: &Features, m: Meta, byline_name: bool, above_zone: bool) -> Label {
    match aside(f, m) {
        _ if byline_name => Label::Byline,
        Label::Byline | Label::Date | Label::Credit if above_zone => {
            Label::Boilerplate(BoilerplateReason::Other)
        }
        Label::Boilerplate(BoilerplateReason::Other) if f.words <= 6 => {
            Label::Boilerplate(BoilerplateReason::Navigation)
        }
        l => l,
    }
}

/// The label of block `f` (its metadata `m`) far above the story, where it can be no byline
/// name and its metadata counts for nothing ([`above_story_label`]).
#[inline]
fn far_label(f: &Features, m: Meta) -> Label {
    above_story_label(f, m, false, true)
}

/// Labels the blocks before the story: headline, dek, bylines, dates, credits, junk. The
/// blocks far above it (below `name_zone - 1`, see the code) keep the labels `labels` holds
/// for them, which must be [`far_label`]'s. A story that starts at the first block
/// (`start` 0) has no block before it: no label changes. The headline is found with the
/// thread's lists `kept` ([`Buffers::headline`]).
///
/// (Never inlined: inlined at both its calls in [`classify_with`], it made the compiled
/// loop over the blocks in [`read_blocks`] some 7 instructions a block dearer, 0.5 a byte
/// of a text of one-word blocks.)
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn header<'a>(
    raw: &[&'a str],
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    start: usize,
    story: impl Iterator<Item = &'a str>,
    labels: &mut [Label],
    kept: &mut HeadlineKept,
) {
    let h = headline(raw, feats, meta, class, start, story, kept);
    // Metadata counts only near the headline (or the story): elsewhere it is junk.
    let zone = h.map_or(start.saturating_sub(8), |h| h.saturating_sub(6));
    let name_zone = h.map_or(start.saturating_sub(10), |h| h.saturating_sub(10));
    // The blocks far above the story (most of a long page): no byline name, and above
    // `zone` (which is not above `name_zone`), so that their metadata counts for nothing.
    // Their labels are there already ([`far_label`], given as the blocks were read).
    let far = name_zone.saturating_sub(1).min(start);
    debug_assert!(far <= zone && (0..far).all(|i| !may_be_byline_name(i, name_zone)));
    debug_assert!((0..far).all(|i| labels[i] == far_label(&feats[i], meta[i])));
    for i in far..start {
        let byline_name = may_be_byline_name(i, name_zone)
            && may_be_byline_name_by_counts(&feats[i])
            && byline_name(raw, feats, meta, h, start, name_zone, i);
        labels[i] = above_story_label(&feats[i], meta[i], byline_name, i < zone);
    }
    // A credit line right under a byline: "WebMD Health News", "Associated Press".
    for i in zone..start.saturating_sub(1) {
        let f = &feats[i + 1];
        if labels[i] == Label::Byline
            && meta[i + 1] == Meta::None
            && (1..=4).contains(&f.words)
            && !f.terminal()
            && f.lower == 0
            && f.folded
                .split(' ')
                .any(|w| lexicon::lexicon().is("wire", w))
        {
            labels[i + 1] = Label::Byline;
        }
    }
    let Some(h) = h else {
        return;
    };
    labels[h] = Label::Headline;
    // The first sentence under the headline is the dek.
    for i in h + 1..start.min(h + 4) {
        let f = &feats[i];
        if matches!(labels[i], Label::Byline | Label::Date | Label::Credit) {
            continue;
        }
        if meta[i] == Meta::None
            && f.reason.is_none()
            && matches!(class[i], Class::Good | Class::Near)
            && f.lower_ratio() >= 0.5
        {
            labels[i] = Label::Dek;
            break;
        }
    }
}

/// False when block `i` cannot be a [`byline_name`] with names counted from `name_zone`
/// on: when it lies above `name_zone - 1`.
fn may_be_byline_name(i: usize, name_zone: usize) -> bool {
    i + 1 >= name_zone
}

/// False when the counts of a block `f` rule it out as a [`byline_name`]: that is a bare
/// name ([`lines::may_be_bare_name`], asked of the block itself as the name, or as the name
/// under a "By" alone) or "By" alone, one word that may be a listed word. Asked inline
/// before the call: most blocks of the header stop here (web pages: 4,910 calls a pass
/// of ~260 instructions each, with the tests' closures). The test
/// `byline_names_need_the_counts_of_one` compares the two on random blocks.
#[inline(always)]
fn may_be_byline_name_by_counts(f: &Features) -> bool {
    lines::may_be_bare_name(f) || f.words == 1 && f.may_hold_listed_word()
}

/// True when block `i` (above the story, which starts at `start`) is a byline that is a
/// name alone: a bare name under the headline `h` or over a date line or byline, or "By"
/// alone on its line and the name under it. Names count only from `name_zone` on, so this
/// is false above `name_zone - 1`: each test asks for `i >= name_zone`, or (the "By" over
/// the name) `i + 1 >= name_zone`.
fn byline_name(
    raw: &[&str],
    feats: Feats,
    meta: &[Meta],
    h: Option<usize>,
    start: usize,
    name_zone: usize,
    i: usize,
) -> bool {
    // (The places of the headline and the metadata are asked before the words of the
    // block: they rule out most blocks for less. Every test is pure, so the order does
    // not change the answer.)
    let is_name = |i: usize| {
        i >= name_zone
            && i < start
            && meta[i] == Meta::None
            && (h.is_some_and(|h| i == h + 1)
                || matches!(meta.get(i + 1), Some(Meta::Date | Meta::Byline))
                || i + 2 < start && meta[i + 2] == Meta::Date)
            && lines::is_bare_name(raw[i], &feats[i])
    };
    // "By" alone on its line, then the name. A byline word is a listed word
    // ([`features::Features::may_hold_listed_word`]), which most one-word blocks are not
    // (a menu entry); the word list is looked up last: most one-word blocks are not
    // followed by a name.
    let lone_by = |i: usize| {
        feats[i].words == 1
            && i + 1 < start
            && i + 1 >= name_zone
            && feats[i].may_hold_listed_word()
            && lines::is_bare_name(raw[i + 1], &feats[i + 1])
            && lexicon::lexicon().is("byline", feats[i].folded)
    };
    is_name(i) || lone_by(i) || i > 0 && lone_by(i - 1) && lines::is_bare_name(raw[i], &feats[i])
}

/// True when the block ends with a separator or dash ("Business —", "News |").
///
/// A block whose last byte is an ASCII letter or digit (most titles) is told by that byte,
/// with no trim nor look at its last character (web pages: 3,554 calls a pass, ~60
/// instructions each). The test `site_cuts_of_blocks_agree_with_the_text_alone` compares
/// it with the plain test.
fn ends_with_separator(s: &str) -> bool {
    if s.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    plain_ends_with_separator(s)
}

/// [`ends_with_separator`] read from the text's last character that is not white space.
fn plain_ends_with_separator(s: &str) -> bool {
    s.trim_end()
        .ends_with(['—', '–', '-', '|', '/', '>', '»', '›', ':', '•', '·'])
}

/// The title-like block before the story most likely to be its headline, found with the
/// thread's lists `kept` ([`Buffers::headline`]).
fn headline<'a>(
    raw: &[&'a str],
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    start: usize,
    story: impl Iterator<Item = &'a str>,
    kept: &mut HeadlineKept,
) -> Option<usize> {
    // No block before the story, no candidate: the key counts below are not needed.
    if start == 0 {
        return None;
    }
    kept.cut_keys.clear();
    kept.site_cut_keys.clear();
    kept.scored.clear();
    kept.pending.clear();
    crate::scratch::recycle_text(&mut kept.fold);
    headline_with(raw, feats, meta, class, start, story, kept)
}

/// [`headline`] (`start` above 0) with the thread's kept map, set and buffer, emptied.
/// (A function of its own, though `headline` now only empties the lists: written as one,
/// the two cost "Hello there." 72 instructions more, and web pages 0.1 a byte, inlined or
/// not.)
fn headline_with<'a>(
    raw: &[&'a str],
    feats: Feats,
    meta: &[Meta],
    class: &[Class],
    start: usize,
    story: impl Iterator<Item = &'a str>,
    kept: &mut HeadlineKept,
) -> Option<usize> {
    let lo = start.saturating_sub(HEADER_WINDOW);
    let candidate = |i: usize| {
        let f = &feats[i];
        let size_ok = if f.caseless_script() {
            (5..=80).contains(&f.chars)
        } else {
            (2..=30).contains(&f.words)
        };
        size_ok
            && meta[i] == Meta::None
            && f.reason.is_none()
            && !f.linky()
            && class[i] != Class::Bad
    };
    // No candidate has no headline, and a sole candidate is the headline whatever its score
    // ([`best_by_overlap`]: the scores are finite): neither needs the site cuts, key counts
    // and scores below (a text of one short block, "Hello there.", paid some 500
    // instructions for them).
    let mut candidates = (lo..start).filter(|&i| candidate(i));
    match (candidates.next(), candidates.next()) {
        (None, _) => return None,
        (Some(sole), None) => return Some(sole),
        _ => {}
    }
    // Folded keys of blocks cut at a site-name separator ("Title | Site").
    let cut_keys = &mut kept.cut_keys;
    // The key of each block's site cut, by its place in `lo..start`: the scores below ask
    // for it again. (The thread's kept list, emptied, one entry pushed a block: an array of
    // the whole window cost a text of one block 30 stores to fill.)
    let site_cut_key = &mut kept.site_cut_keys;
    // One buffer for the folds of the parts read here, which it outgrows a few times at
    // most, rather than a buffer a part (grown again for the padding of the word-set walk:
    // [`lexicon::Lexicon::boilerplate_with_sets`]); kept from one text to the next.
    let fold = &mut kept.fold;
    // The candidates, in block order, their scores and nearness given below: found once
    // here, where the key counts and the scores each asked every block of the window
    // again (web pages: some 0.5M instructions a pass).
    let scored = &mut kept.scored;
    // (By place from `lo`: skipping the blocks above it in an iterator over the features
    // stepped over each of them.)
    for (k, (i, s)) in (lo..start).zip(&raw[lo..start]).enumerate() {
        let f = &feats[i];
        if candidate(i) {
            scored.push((i, 0.0, 0.0));
        }
        let mut cut_key = None;
        if let Some(cut) = site_cut_of(s, f) {
            let key = features::block_features(cut, fold).key;
            cut_keys.insert(key);
            cut_key = Some(key);
        }
        debug_assert_eq!(site_cut_key.len(), k);
        site_cut_key.push(cut_key);
        // A breadcrumb trail ending in the title: "Section > News > Title".
        if f.separators >= 2 {
            if let Some((_, last)) = s.rsplit_once(['>', '|', '»', '›']) {
                cut_keys.insert(features::block_features(last.trim(), fold).key);
            }
        }
    }
    // How often the keys the scores ask about occur among all blocks: the candidates' own
    // keys and their site cuts' (0 for a cut no block has). Among a few blocks each is
    // counted when asked, with no map (a text of one block paid some 150 instructions to
    // clear and fill one).
    let few = feats.len() <= FEW_BLOCKS;
    let counts = &mut kept.counts;
    if !few {
        key_counts(
            feats,
            scored.iter().flat_map(|&(i, ..)| {
                [
                    Some(feats[i].key),
                    site_cut_key.get(i - lo).copied().flatten(),
                ]
                .into_iter()
                .flatten()
            }),
            counts,
        );
    }
    let counts = &*counts;
    // (Asked only of the keys put in the map.)
    let count = |key: u64| {
        if few {
            feats.iter().filter(|f| f.key == key).count()
        } else {
            counts.get(&key).copied().unwrap_or(0)
        }
    };
    // Each candidate's score but for what its words shared with the story add (as no bare
    // name, and as one when its counts allow a bare name), and its nearness to the story,
    // in block order.
    let title_score = |i: usize| {
        let f = &feats[i];
        let size = if f.caseless_script() {
            f.chars as f32 / 2.0
        } else {
            f.words as f32
        };
        let mut score = 0.35 * size.min(12.0);
        // Long and in sentence case: a dek or a caption rather than a headline.
        if f.words > 14 && f.lower_ratio() >= 0.6 {
            score -= 1.5;
        }
        if f.words < 3 && !f.caseless_script() {
            score -= 1.0;
        }
        if ends_with_separator(raw[i]) {
            score -= 2.0;
        }
        if f.separators >= 2 {
            score -= 3.0;
        }
        if f.full_stop() {
            score -= 2.0;
        }
        if f.words > 20 {
            score -= 1.5;
        }
        if f.commas >= 3 || f.inner_stops > 1 {
            score -= 1.0;
        }
        if f.list_marker() {
            score -= 1.0;
        }
        // Headlines start with a capital (or a digit, or a quote).
        if f.upper == 0 && f.lower > 0 {
            score -= 2.0;
        }
        if metadata_follows(meta, class, i, start) {
            score += 2.0;
        }
        let shared = count(f.key) > 1 || cut_keys.contains(&f.key);
        // "Title | Site" when "Title" is on the page too: the plain copy wins.
        let cut_on_page = site_cut_key
            .get(i - lo)
            .copied()
            .flatten()
            .is_some_and(|key| count(key) > 0);
        // A longer sentence right under it: a dek under its headline.
        let dek_under = match (feats.get(i + 1), meta.get(i + 1)) {
            (Some(g), Some(Meta::None)) => {
                i + 1 < start
                    && (g.words > f.words || g.terminal() && g.words >= 5)
                    && g.lower_ratio() >= 0.5
                    && g.reason.is_none()
                    && matches!(class[i + 1], Class::Good | Class::Near)
            }
            _ => false,
        };
        // A longer sentence right under a title-like block: the dek, not the headline.
        let dek_above = match (
            i.checked_sub(1).and_then(|j| feats.get(j)),
            i.checked_sub(1).and_then(|j| meta.get(j)),
        ) {
            (Some(p), Some(Meta::None)) => {
                (4..f.words).contains(&p.words)
                    && p.reason.is_none()
                    && !p.full_stop()
                    && !ends_with_separator(raw[i - 1])
                    && f.lower_ratio() >= 0.5
                    && class[i - 1] != Class::Bad
            }
            _ => false,
        };
        // The terms after the bare name's, summed in their order.
        let rest = |mut score: f32| {
            if shared {
                score += 1.5;
            }
            if cut_on_page {
                score -= 1.0;
            }
            if dek_under {
                score += 1.5;
            }
            if dek_above {
                score -= 1.5;
            }
            score
        };
        // A person's name is a byline rather than a headline. Its words are read only for
        // a candidate that may still win ([`settle_bare_names`]): the score without the
        // penalty, and the score with it when the counts allow a bare name.
        let if_bare = lines::may_be_bare_name(f).then(|| rest(score - 2.5));
        (rest(score), if_bare)
    };
    // Distance to the story, not counting the junk in between: `after`, the blocks below
    // the candidate that are not junk.
    let nearness = |after: usize| {
        let distance = after as f32 + 1.0;
        3.0 / (1.0 + distance / 3.0)
    };
    let not_junk =
        |blocks: std::ops::Range<usize>| blocks.filter(|&j| class[j] != Class::Bad).count();
    // At most HEADER_WINDOW candidates, in the thread's kept list (emptied): an array of
    // room for all of them, filled with zeros first, cost a text of one block a memset.
    // The blocks after each are counted down from those of the whole window, in block
    // order, rather than counted to the story's start for each.
    let (mut after, mut from) = (not_junk(lo..start), lo);
    // The candidates that may be bare names, with their scores as no name: they are
    // scored as names until [`settle_bare_names`] reads their words.
    let pending = &mut kept.pending;
    for (k, c) in scored.iter_mut().enumerate() {
        let i = c.0;
        after -= not_junk(from..i + 1);
        from = i + 1;
        let (score, if_bare) = title_score(i);
        *c = (i, if_bare.unwrap_or(score), nearness(after));
        if if_bare.is_some() {
            pending.push((k, score));
        }
    }
    settle_bare_names(scored, pending, |i| lines::is_bare_name(raw[i], &feats[i]));
    // A headline shares its content words with the story; a teaser for another story does
    // not.
    best_by_overlap(scored, |i| raw[i], story, &mut kept.tally)
}

/// How often each of `keys` occurs among the keys of `feats`: a count per asked key, rather
/// than a map of every block's key.
/// The counts go into `counts` (emptied first), the thread's kept map ([`HeadlineKept`]).
///
/// Every block of the text is asked, and few have an asked key (two at most for each
/// candidate of the header window): a [`KeyFilter`] of the asked keys rules out most blocks
/// with no look-up in the map (one pass over the web pages looked 52,120 blocks up, some
/// 40 instructions each: with the filter, one pass 91.67 → 91.30 instructions a byte, seed
/// variants 84.87 → 84.75).
fn key_counts(
    feats: Feats,
    keys: impl Iterator<Item = u64>,
    counts: &mut HashMap<u64, usize, FastBuild>,
) {
    // The keys are hashes already: the fast hasher is enough.
    counts.clear();
    let mut filter = KeyFilter::default();
    counts.extend(keys.map(|k| {
        filter.insert(k);
        (k, 0)
    }));
    if !counts.is_empty() {
        for f in feats {
            if filter.may_hold(f.key) {
                if let Some(n) = counts.get_mut(&f.key) {
                    *n += 1;
                }
            }
        }
    }
}

/// A set of keys (hashes already) that may say "maybe" of a key not in it but never "no"
/// of one in it: a bit for each value of a key's top ten bits. With the few keys
/// [`key_counts`] asks about (up to 60), most other keys find their bit clear. The test
/// `key_filters_hold_every_key_put_in` checks it.
#[derive(Default)]
struct KeyFilter([u64; 16]);

impl KeyFilter {
    /// The word and bit of `key`: its top ten bits.
    #[inline(always)]
    fn place(key: u64) -> (usize, u64) {
        let top = (key >> 54) as usize;
        (top >> 6, 1 << (top & 63))
    }

    /// Puts `key` in.
    fn insert(&mut self, key: u64) {
        let (word, bit) = Self::place(key);
        self.0[word] |= bit;
    }

    /// False when `key` was not put in; true when it was, and for some other keys.
    #[inline(always)]
    fn may_hold(&self, key: u64) -> bool {
        let (word, bit) = Self::place(key);
        self.0[word] & bit != 0
    }
}

/// The map, set, lists and fold buffer [`headline`] fills for a text, kept on the thread
/// for the next ([`Buffers::headline`]): made fresh, the map and the set grew two or three
/// times a web page and the buffer a few times more (3.6 allocations a web page). The map
/// and the set hold two keys at most, and the lists one entry, for each block of the header
/// window; a buffer grown past [`crate::scratch::MAX_KEPT_BYTES`] by a huge block is freed.
#[derive(Debug, Default)]
struct HeadlineKept {
    /// [`key_counts`]' counts.
    counts: HashMap<u64, usize, FastBuild>,
    /// The keys of the site cuts and breadcrumb ends. (A list searched from end to end
    /// cost web pages 0.14 instructions a byte more than the set: a trail of links in every
    /// block of a window made it long.)
    cut_keys: HashSet<u64, FastBuild>,
    /// The key of each block's site cut, by its place in the header window.
    site_cut_keys: Vec<Option<u64>>,
    /// The candidates `(block, score, nearness)` ([`best_by_overlap`]).
    scored: Vec<(usize, f32, f32)>,
    /// The candidates that may be bare names ([`settle_bare_names`]).
    pending: Vec<(usize, f32)>,
    /// The folds of the parts read ([`features::block_features`]' arena).
    fold: String,
    /// The contenders' units and what the story holds of them ([`best_by_overlap`]).
    tally: overlap::Tally,
}

impl HeadlineKept {
    /// No map, lists or buffer (nothing allocated).
    const EMPTY: HeadlineKept = HeadlineKept {
        counts: HashMap::with_hasher(FastBuild::new()),
        cut_keys: HashSet::with_hasher(FastBuild::new()),
        site_cut_keys: Vec::new(),
        scored: Vec::new(),
        pending: Vec::new(),
        fold: String::new(),
        tally: overlap::Tally::EMPTY,
    };
}

/// The headline among the `scored` candidates `(block, score, nearness)`, in block order,
/// as [`best_by_overlap`] finds it with the overlaps `overlap(block)` gives (`None`:
/// nothing; else at most [`OVERLAP_WEIGHT`]), each one read from the whole story: the plain
/// way, the reference of its tests.
#[cfg(test)]
fn best_candidate(
    scored: &[(usize, f32, f32)],
    overlap: impl Fn(usize) -> Option<f32>,
) -> Option<usize> {
    let floor = least_best(scored);
    let can_win = |c: &&(usize, f32, f32)| may_contend(c, floor);
    let contenders = scored.iter().filter(can_win).count();
    let mut best: Option<(f32, usize)> = None;
    for &(i, mut score, near) in scored.iter().filter(can_win) {
        // A sole contender wins whatever its overlap.
        if contenders > 1 {
            if let Some(o) = overlap(i) {
                score += o;
            }
        }
        score += near;
        if best.is_none_or(|(b, _)| score >= b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The headline among the `scored` candidates `(block, score, nearness)`, in block order:
/// the last of those with the highest `score + overlap + nearness` (summed in that order),
/// where the overlap is what the words its text (`text(block)`) shares with `story` (the
/// story's prose blocks) adds: with [`overlap::StoryWords::share`]'s `(share, units)`,
/// `OVERLAP_WEIGHT * share` when it has two units or more, else nothing.
///
/// Reading the story costs more than the rest of the header: it is read only for
/// candidates that can still win, and not at all when one candidate alone can. Float sums
/// are monotone, so a candidate's final score lies between `score + nearness` (no overlap)
/// and `(score + OVERLAP_WEIGHT) + nearness`; one whose most is below another's least loses
/// whatever the overlaps are.
///
/// Nor is the story read further than it tells the winner ([`overlap::read_story`], the
/// contenders' units counted in `tally`, the thread's): a contender's final score lies
/// between its score with the hits found so far and, while some of its units are not found
/// and the story is not read to its end, its score with them all. The winner is known when
/// the last best of the first bounds is at least every earlier contender's second bound
/// and above every later one's (the last best wins). Read to the end, as a set of its
/// words, the story cost web pages 9.3M instructions a pass (30,182 units read for 133
/// headlines); read this way, 18,568 units, and 5 stories not at all. `scored` is left
/// holding the contenders alone, which the bounds are asked of after each unit found.
fn best_by_overlap<'a>(
    scored: &mut Vec<(usize, f32, f32)>,
    text: impl Fn(usize) -> &'a str,
    story: impl Iterator<Item = &'a str>,
    tally: &mut overlap::Tally,
) -> Option<usize> {
    let floor = least_best(scored);
    // Only the contenders are kept, in order.
    scored.retain(|c| may_contend(c, floor));
    let contenders: &[(usize, f32, f32)] = scored;
    // A sole contender wins whatever its overlap: no story read.
    if let [(sole, ..)] = contenders {
        return Some(*sole);
    }
    tally.clear();
    for &(i, ..) in contenders {
        tally.add(text(i));
    }
    // The score of contender `k` (`score`, `near`) when the story holds `hits` of its
    // units.
    let with_hits = |t: &overlap::Tally, k: usize, score: f32, near: f32, hits: usize| {
        let total = t.total(k);
        if total >= 2 {
            (score + OVERLAP_WEIGHT * (hits as f32 / total as f32)) + near
        } else {
            score + near
        }
    };
    let mut winner = None;
    overlap::read_story(story, tally, |t| {
        // The last best of the least scores, then a look at every other's most.
        let (mut w, mut least) = (0, f32::NEG_INFINITY);
        for (k, &(_, score, near)) in contenders.iter().enumerate() {
            let l = with_hits(t, k, score, near, t.hits(k));
            if l >= least {
                (w, least) = (k, l);
            }
        }
        let won = contenders.iter().enumerate().all(|(k, &(_, score, near))| {
            // (All its units found, the most is the least too.)
            let all = if t.complete() { t.hits(k) } else { t.total(k) };
            let most = with_hits(t, k, score, near, all);
            k == w || (k < w && least >= most) || (k > w && least > most)
        });
        if won {
            winner = contenders.get(w).map(|c| c.0);
        }
        won
    });
    winner
}

/// The least final score the winner among the candidates `scored` `(block, score,
/// nearness)` has ([`best_by_overlap`]): the highest `score + nearness`, what a candidate
/// has with no overlap.
fn least_best(scored: &[(usize, f32, f32)]) -> f32 {
    scored
        .iter()
        .map(|&(_, score, near)| score + near)
        .fold(f32::NEG_INFINITY, f32::max)
}

/// True when candidate `c` `(block, score, nearness)` may win against candidates whose
/// winner scores at least `floor` ([`least_best`]): when its score with the most overlap
/// reaches it. ([`best_by_overlap`] keeps only these contenders.)
#[inline(always)]
fn may_contend(c: &(usize, f32, f32), floor: f32) -> bool {
    (c.1 + OVERLAP_WEIGHT) + c.2 >= floor
}

/// Settles the scores of the candidates `scored` `(block, score, nearness)` that may be
/// bare names, as far as [`best_by_overlap`] needs them: each `(k, unnamed)` of `pending`
/// (in any order) is a candidate `scored[k]` scored as a bare name, whose score as no name
/// is `unnamed` (more: float sums are monotone). Only the candidates that may contend
/// with their score as no name have their words read (`is_bare(block)`: [`lines::is_bare_name`],
/// ~430 instructions a block; web pages: 2,116 blocks a pass, most of them short lines far
/// below the best), and take `unnamed` when they are not names.
///
/// The contenders are then those of the scores settled in full, with the same scores: the
/// highest `score + nearness` as named (`least`) is at most the true one (`floor`), and a
/// candidate left unread has even its most below it, so neither sets the true one (it is
/// reached by a candidate read or not pending) nor contends. The test
/// `settled_bare_names_give_the_contenders_of_all_settled` compares the two.
fn settle_bare_names(
    scored: &mut [(usize, f32, f32)],
    pending: &[(usize, f32)],
    is_bare: impl Fn(usize) -> bool,
) {
    if pending.is_empty() {
        return;
    }
    let least = least_best(scored);
    for &(k, unnamed) in pending {
        let Some(c) = scored.get_mut(k) else {
            continue;
        };
        if may_contend(&(c.0, unnamed, c.2), least) && !is_bare(c.0) {
            c.1 = unnamed;
        }
    }
}

/// True when a byline or date line follows block `i` with at most two blocks between,
/// not counting set-aside blocks (share buttons, a comment count).
fn metadata_follows(meta: &[Meta], class: &[Class], i: usize, start: usize) -> bool {
    let mut between = 0;
    for j in i + 1..start.min(i + 25) {
        if matches!(meta[j], Meta::Byline | Meta::Date) {
            return true;
        }
        if class[j] != Class::Bad {
            between += 1;
            if between > 2 {
                return false;
            }
        }
    }
    false
}

/// [`site_cut`] of a block (text `s`, features `f`), with no look at the text of a block
/// whose counts leave no room for a separator's mark: every separator holds `|` or `·`
/// (counted by the features as separators), or `-`, `:`, `–`, `—` or `»` (none of the
/// counted characters, [`Features::may_hold_uncounted`]). Such blocks (names, menu entries,
/// plain headings) are many of a header window's. (Web pages: 7,462 calls a pass, ~184
/// instructions each.) The test `site_cuts_of_blocks_agree_with_the_text_alone` compares
/// the two on random blocks.
#[inline(always)]
fn site_cut_of<'s>(s: &'s str, f: &Features) -> Option<&'s str> {
    if f.separators == 0 && !f.may_hold_uncounted() {
        return None;
    }
    site_cut(s)
}

/// "Title | Site" → "Title": the text before a site-name separator, when what is cut off
/// is shorter than what remains.
fn site_cut(s: &str) -> Option<&str> {
    // Every separator is a space and then `|`, `-`, `:` or the lead byte of `–`, `—`, `·`,
    // `»`: without such a pair there is nothing to search for.
    if !may_hold_site_separator(s.as_bytes()) {
        return None;
    }
    let last = last_site_separators(s.as_bytes());
    for (sep, at) in SITE_SEPARATORS.iter().zip(last) {
        if let Some(at) = at {
            let (head, tail) = (s.get(..at)?, s.get(at + sep.len()..)?);
            if tail.chars().count() < head.chars().count() && !head.trim().is_empty() {
                return Some(head.trim());
            }
        }
    }
    None
}

/// True when `b` holds a space followed by `|`, `-`, `:` or the lead byte of `–`, `—`, `·`,
/// `»` (`0xE2`, `0xC2`): the start of every separator of [`site_cut`]. Every pair of
/// bytes is compared, with no branch but the loop's (the compiler compares sixteen pairs
/// at a step): the search that stopped at the first such pair took a branch at every
/// space, mispredicted often (web corpus: 23K simulated mispredicts, 0.5% of its
/// parse's).
fn may_hold_site_separator(b: &[u8]) -> bool {
    let next = b.get(1..).unwrap_or_default();
    b.iter().zip(next).fold(false, |found, (&x, &y)| {
        found | (x == b' ') & ((y == b'|') | (y == b'-') | (y == b':') | (y == 0xE2) | (y == 0xC2))
    })
}

/// The separators of [`site_cut`], in the order they are tried.
const SITE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Where each of [`SITE_SEPARATORS`] last occurs in `b`, as `rfind` tells: found in one
/// pass over the spaces from the end (every separator starts with one), with only the
/// spaces before `|`, `-`, `:` or the lead byte of `–`, `—`, `·`, `»` compared, rather
/// than by a substring search for each separator, whose set-up costs more than a title.
fn last_site_separators(b: &[u8]) -> [Option<usize>; 7] {
    let mut last = [None; 7];
    for p in memchr::memrchr_iter(b' ', b) {
        if !matches!(b.get(p + 1), Some(b'|' | b'-' | b':' | 0xE2 | 0xC2)) {
            continue;
        }
        let rest = b.get(p..).unwrap_or_default();
        for (slot, sep) in last.iter_mut().zip(SITE_SEPARATORS) {
            if slot.is_none() && rest.starts_with(sep.as_bytes()) {
                *slot = Some(p);
            }
        }
    }
    last
}

/// Labels the blocks after the story: credit lines, related tags, boilerplate.
fn trailer(raw: &[&str], feats: Feats, meta: &[Meta], from: usize, labels: &mut [Label]) {
    let item = |j: usize| {
        meta.get(j) == Some(&Meta::TagLine)
            || raw
                .get(j)
                .is_some_and(|s| feats.get(j).is_some_and(|f| lines::is_tag_item(s, f)))
    };
    let mut tags_open = false;
    for i in from..feats.len() {
        let f = &feats[i];
        labels[i] = match meta[i] {
            Meta::TagHeading
                if meta.get(i + 1) == Some(&Meta::TagLine) || item(i + 1) && item(i + 2) =>
            {
                tags_open = true;
                Label::TagHeading
            }
            _ if tags_open && item(i) => Label::Tags,
            m => {
                tags_open = false;
                match aside(f, m) {
                    Label::Byline if i > from + 3 => Label::Boilerplate(BoilerplateReason::Other),
                    Label::Boilerplate(BoilerplateReason::Other) if f.words <= 3 => {
                        Label::Boilerplate(BoilerplateReason::Navigation)
                    }
                    Label::Boilerplate(BoilerplateReason::Other)
                        if !f.sentence() && f.words <= 20 =>
                    {
                        Label::Boilerplate(BoilerplateReason::Related)
                    }
                    l => l,
                }
            }
        };
    }
}

/// A later exact repeat (folded) of an earlier block is a duplicate, unless it is the
/// headline or a short block inside the body.
#[inline]
fn duplicates(feats: Feats, labels: &mut [Label]) {
    // One block repeats none: no set to build, and no call (a quote paragraph paid 30
    // instructions for it).
    if feats.len() >= 2 {
        duplicates_of_many(feats, labels);
    }
}

/// [`duplicates`] of two blocks or more. (Never inlined: inlined into [`duplicates`], it
/// kept that from being inlined, and a quote paragraph paid the call.)
#[inline(never)]
fn duplicates_of_many(feats: Feats, labels: &mut [Label]) {
    if feats.texts() >= PARTED_TEXTS {
        // A set of millions of keys is far larger than the caches: the keys are put in parts
        // first, each part's set small enough to stay in them. (Fewer texts, however many
        // blocks, have a set that does.)
        parted_duplicates(feats, labels, PART_BITS);
        return;
    }
    // The fuzz targets' inputs are far too short for the parted search: under them every
    // text takes it as well, and must get the same labels.
    #[cfg(fuzzing)]
    let mut parted = labels.to_vec();
    #[cfg(fuzzing)]
    parted_duplicates(feats, &mut parted, PART_BITS);
    // Blocks that share features share their key: no more keys than features.
    let mut seen = KeySet::kept(feats.texts());
    // The last non-zero key met, which is in `seen` (0 before the first).
    let mut prev = 0;
    for (f, label) in feats.iter().zip(labels.iter_mut()) {
        if f.key == 0 {
            continue;
        }
        // A run of one key (repeats come in runs) asks the set no more.
        let first = f.key != prev && seen.insert(f.key);
        prev = f.key;
        if first {
            continue;
        }
        mark_duplicate(f, label);
    }
    #[cfg(fuzzing)]
    assert_eq!(
        parted, labels,
        "the parted duplicate search differs from the one set"
    );
}

/// Labels a block of features `f` and label `label` whose key an earlier block has a
/// duplicate, unless it is the headline, a byline or a short block inside the body.
#[inline]
fn mark_duplicate(f: &Features, label: &mut Label) {
    match label {
        Label::Headline | Label::Byline => {}
        Label::Paragraph | Label::Subhead if f.words < 6 => {}
        _ => *label = Label::Boilerplate(BoilerplateReason::Duplicate),
    }
}

/// What [`duplicates`] does, with the keys put in `2^part_bits` parts
/// ([`parted_later_copies`]): the same labels, since a block's mark depends on its own
/// features and label alone ([`mark_duplicate`]), not on the order the copies are met in.
/// Never inlined: inlined into [`duplicates`], it made the walk with one set (the way of
/// every shorter text) compile worse: 101.2 instructions a byte on 1 MB of distinct
/// one-word blocks against 99.4.
#[inline(never)]
fn parted_duplicates(feats: Feats, labels: &mut [Label], part_bits: u32) {
    for i in parted_later_copies(feats.iter().map(|f| f.key), part_bits).iter() {
        let i = i as usize;
        if let (Some(f), Some(label)) = (feats.get(i), labels.get_mut(i)) {
            mark_duplicate(f, label);
        }
    }
}

/// The fewest texts read ([`Feats::texts`]) for which [`duplicates`] puts the keys in parts
/// ([`parted_later_copies`]): a text of a million distinct blocks or more (several
/// megabytes of distinct one-word blocks), whose set of keys, one random write a block,
/// would be far larger than the caches (16 MB of slots for a million keys). A text of
/// millions of blocks of a few thousand texts (one-word blocks of a small vocabulary) has
/// a small set, which the parts would only cost a list of twelve bytes a block.
const PARTED_TEXTS: usize = 1 << 20;

/// The bits of a key that pick its part in [`parted_later_copies`] and
/// [`parted_first_copies`]: 256 parts, few enough that the writes of each part's next key
/// stay in the caches, each part's set a megabyte for 100 MB of distinct one-word blocks.
/// (1,024 parts, a set a quarter of that, were no faster; for the first copies neither
/// were 64, 128 or 1,024.)
const PART_BITS: u32 = 8;

/// The places, in order, of the keys of `keys` that are not 0 and equal an earlier key:
/// what a walk with one set of keys finds (as [`duplicates`] does for a shorter text),
/// found with `2^part_bits` small sets in turn (`part_bits` from 1 to [`MAX_PART_BITS`]).
/// The places are `u32`, as the ids of shared features are. The keys are hashes (their
/// high bits are as good as any): their high `part_bits` bits pick a part, and one walk
/// over the keys writes each key and its place onto its part's lists, in order; then each
/// part's keys go through one set, cleared between parts. A set of millions of keys is
/// written at random, a cache miss (and at first a page fault) a key; a part's set stays
/// in the caches, and the lists are written at `2^part_bits` places that each move on by
/// one. A key equal to the key before (a run of one text) is a later copy with no look-up,
/// as in [`duplicates`]. The places found are marked in a bitmap of a bit a key (which
/// stays in the caches too), read in order: no list of them to sort (18 million later
/// copies took a second to sort).
///
/// The keys are read once: a walk that counted each part's keys first, then wrote them
/// into one list, read every block's features twice (a cache line a block, for its key).
fn parted_later_copies(keys: impl ExactSizeIterator<Item = u64>, part_bits: u32) -> Places {
    debug_assert!((1..=MAX_PART_BITS).contains(&part_bits));
    let parts = 1usize << part_bits;
    let part = |k: u64| (k >> (64 - part_bits)) as usize;
    let mut later = Places::with_capacity(keys.len());
    // The keys to look up (non-zero, not the key before) of each part, and their places
    // (two lists: twelve bytes a key, not a pair's sixteen).
    let mut keyed: Vec<Vec<u64>> = part_lists(keys.len(), parts);
    let mut places: Vec<Vec<u32>> = part_lists(keys.len(), parts);
    let mut prev = 0;
    for (i, k) in (0u32..).zip(keys) {
        if k == 0 {
            continue;
        }
        if k == prev {
            later.insert(i);
            continue;
        }
        prev = k;
        let p = part(k);
        keyed[p].push(k);
        places[p].push(i);
    }
    let most = keyed.iter().map(Vec::len).max().unwrap_or(0);
    let mut seen = OpenSlots::with_capacity(most);
    for (keyed, places) in keyed.iter().zip(&places) {
        // Each part's set is sized for its own keys, and only its slots are cleared: a set
        // as large as the largest part's, cleared for every part, would cost the parts times
        // that when a few keys take most places (two blocks repeated in turn).
        seen.reset(keyed.len());
        for (&k, &i) in keyed.iter().zip(places) {
            // (The part's keys share their high bits: the slot is picked by the others.)
            if seen.find_or_put(k << part_bits, |s| s == k, k).is_some() {
                later.insert(i);
            }
        }
    }
    later
}

/// A set of places below a bound given when it is made, as a bitmap: a bit a place.
#[derive(Debug)]
struct Places {
    bits: Vec<u64>,
}

impl Places {
    /// An empty set for places below `n`.
    fn with_capacity(n: usize) -> Self {
        Places {
            bits: vec![0; n.div_ceil(64)],
        }
    }

    /// Adds `i` (below the bound).
    #[inline]
    fn insert(&mut self, i: u32) {
        if let Some(word) = self.bits.get_mut(i as usize / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// The places, in order.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..).zip(&self.bits).flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }
}

/// A set of block keys ([`Features::key`]: hashes already, never 0) for [`duplicates`]: an
/// [`OpenSlots`] table probed from the key's own high bits.
#[derive(Debug)]
struct KeySet(OpenSlots);

impl Default for KeySet {
    /// An empty set, with room for one key.
    fn default() -> Self {
        KeySet::with_capacity(1)
    }
}

thread_local! {
    /// The slots of the last [`KeySet::kept`] set, kept on the thread for the next.
    static KEY_SLOTS: std::cell::Cell<Vec<u64>> = const { std::cell::Cell::new(Vec::new()) };
}

impl KeySet {
    /// A set for up to `n` keys.
    fn with_capacity(n: usize) -> Self {
        KeySet(OpenSlots::with_capacity(n))
    }

    /// A set for up to `n` keys in the slots of the last one dropped on this thread
    /// ([`KeptKeySet`]): the sets of one parse ([`duplicates`], the repeated prefixes),
    /// made fresh, were two allocations a web page. (A second set while one is in use gets
    /// fresh slots.)
    fn kept(n: usize) -> KeptKeySet {
        KeptKeySet(KeySet(OpenSlots::in_kept_room(&KEY_SLOTS, n)))
    }

    /// Adds `key` (not 0); true when it was not in the set, as `HashSet::insert` says.
    /// Inserting more keys than the capacity asked for is not allowed.
    fn insert(&mut self, key: u64) -> bool {
        self.0.find_or_put(key, |k| k == key, key).is_none()
    }

    /// True when `key` is in the set.
    #[inline]
    fn contains(&self, key: u64) -> bool {
        self.0.find(key, |k| k == key).is_some()
    }
}

/// A [`KeySet`] whose slots go back to the thread when it is dropped ([`KeySet::kept`]),
/// unless they are a huge text's (over [`crate::scratch::MAX_KEPT_BYTES`]).
#[derive(Debug)]
struct KeptKeySet(KeySet);

impl std::ops::Deref for KeptKeySet {
    type Target = KeySet;
    /// The set.
    fn deref(&self) -> &KeySet {
        &self.0
    }
}

impl std::ops::DerefMut for KeptKeySet {
    /// The set.
    fn deref_mut(&mut self) -> &mut KeySet {
        &mut self.0
    }
}

impl Drop for KeptKeySet {
    /// Gives the slots back to the thread.
    fn drop(&mut self) {
        (self.0).0.give_back(&KEY_SLOTS);
    }
}

#[cfg(test)]
mod tests;
