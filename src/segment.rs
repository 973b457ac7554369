//! Stage 2: text → blocks.
//!
//! Lines are found with `memchr` (`\n`, `\r\n` and a lone `\r` all end a line). Blank lines
//! (only [`crate::normalize::is_blank`] characters) separate groups. Inside a group each line
//! is its own block — the "one block per line" layout of web-text dumps — unless the lines
//! are a hard-wrapped paragraph, which is joined back into one block:
//!
//! * **wrapped text**: most lines that are followed by another line in their group have
//!   about the same length (the wrap width). A line is joined to the next when the next
//!   line's first word would not have fitted on it.
//! * **soft continuation**: in a group, a line that does not end a sentence joined to a
//!   next line that starts in lower case.
//!
//! Block spans are trimmed of blank characters, so they start and end on text.

use crate::normalize::{is_blank, trim_span};
use crate::span::Span;

/// One block of text: a paragraph, a heading, a line of junk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    /// The block, trimmed, in the scanned text.
    pub span: Span,
    /// How many input lines were joined into it.
    pub lines: u32,
    /// True when a blank line (or the start of the text) comes before the block.
    pub gap_before: bool,
}

/// A non-blank line, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
    /// Length in characters.
    chars: usize,
    gap_before: bool,
}

/// Splits `text` into blocks. Linear in the text length.
pub(crate) fn segment(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let width = wrap_width(&lines);
    let groups = lines.iter().filter(|l| l.gap_before).count();
    let soft = groups >= 2 && (groups - 1) * 5 >= lines.len();
    let mut blocks: Vec<Block> = Vec::with_capacity(lines.len());
    let mut prev: Option<Line> = None;
    for line in lines {
        let join = match (prev, blocks.last_mut()) {
            (Some(p), Some(_)) if !line.gap_before => joins(text, &p, &line, width, soft),
            _ => false,
        };
        match blocks.last_mut() {
            Some(last) if join => {
                last.span.end = line.span.end;
                last.lines += 1;
            }
            _ => blocks.push(Block {
                span: line.span,
                lines: 1,
                gap_before: line.gap_before,
            }),
        }
        prev = Some(line);
    }
    blocks
}

/// Where the first line of `rest` ends (`\n` or `\r`). An empty line, as in a run of
/// blank lines, is told by its first byte: a vector search costs more to set up than the
/// one byte it would look at.
fn line_break(rest: &[u8]) -> Option<usize> {
    match rest.first() {
        Some(b'\n' | b'\r') => Some(0),
        _ => memchr::memchr2(b'\n', b'\r', rest),
    }
}

/// The non-blank lines of `text`, trimmed, each marked with whether a blank line precedes it.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut gap = true;
    while start <= bytes.len() {
        let (end, next) = match line_break(&bytes[start..]) {
            Some(i) => {
                let end = start + i;
                let step = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                (end, end + step)
            }
            None => (bytes.len(), bytes.len() + 1),
        };
        // An empty line needs no trimming.
        if end == start {
            gap = true;
            start = next;
            continue;
        }
        let span = trim_span(text, Span::new(start, end));
        if span.is_empty() {
            gap = true;
        } else {
            // std counts the characters of a `str` a word of bytes at a time.
            let chars = text[span.start..span.end].chars().count();
            out.push(Line {
                span,
                chars,
                gap_before: gap,
            });
            gap = false;
        }
        start = next;
    }
    out
}

/// The wrap width of hard-wrapped text, or `None` when the lines are not wrapped.
///
/// Looks at the lines that are followed by another line of their group: in wrapped text
/// most of them are nearly as long as the longest of them.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut inner: Vec<usize> = lines
        .windows(2)
        .filter(|w| !w[1].gap_before)
        .map(|w| w[0].chars)
        .filter(|&n| n >= 30)
        .collect();
    if inner.len() < 3 {
        return None;
    }
    inner.sort_unstable();
    let width = inner[(inner.len() * 9) / 10 - usize::from(inner.len() * 9 % 10 == 0)];
    if width > 160 {
        return None;
    }
    let near = inner.iter().filter(|&&n| n + 25 >= width).count();
    (near * 10 >= inner.len() * 7).then_some(width)
}

/// Characters in the first word of `line`.
fn first_word_chars(text: &str, line: &Line) -> usize {
    text[line.span.start..line.span.end]
        .chars()
        .take_while(|&c| !is_blank(c))
        .count()
}

fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '」', '』', '）']);
    trimmed.ends_with(['.', '!', '?', ':', '…', ';', '。', '！', '？'])
}

/// Should `next` be joined onto the block that ends with `prev`?
///
/// `soft`: the text is laid out in blank-line-separated groups, so a group's lines can be
/// one paragraph broken by hand (in a one-block-per-line dump they never are).
fn joins(text: &str, prev: &Line, next: &Line, width: Option<usize>, soft: bool) -> bool {
    let prev_text = &text[prev.span.start..prev.span.end];
    let next_text = &text[next.span.start..next.span.end];
    // A line of unspaced script (Chinese, Japanese) that ends a sentence is not wrapped.
    if ends_sentence(prev_text) && first_word_chars(text, next) > 20 {
        return false;
    }
    if let Some(width) = width {
        // The wrapper would have put the next word on this line had it fitted.
        if prev.chars + 1 + first_word_chars(text, next) > width.saturating_sub(2)
            && prev.chars * 10 >= width * 6
        {
            return true;
        }
    }
    // A sentence broken in the middle: the line ends inside a clause (a lower-case word or
    // a comma) and the next goes on in lower case — but not with "by", which opens a byline
    // under a headline.
    let starts_lower = next_text.chars().next().is_some_and(char::is_lowercase);
    let mid_clause = prev_text
        .chars()
        .next_back()
        .is_some_and(|c| c.is_lowercase() || c == ',');
    // The next line's first word in lower case, compared without collecting it (a String
    // per line pair).
    let first_word = || {
        next_text
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
    };
    let byline = || {
        ["by", "par", "por", "von", "di"]
            .iter()
            .any(|b| first_word().eq(b.chars()))
    };
    starts_lower && mid_clause && prev.chars >= 40 && soft && !byline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        segment(text)
            .iter()
            .map(|b| &text[b.span.start..b.span.end])
            .collect()
    }

    #[test]
    fn blank_lines_separate_blocks() {
        assert_eq!(
            texts("One.\n\nTwo.\n\n\nThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(
            texts("One.\r\n\r\nTwo.\rThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn one_block_per_line() {
        assert_eq!(
            texts("Headline here\nBy Jane Doe\nFirst paragraph."),
            ["Headline here", "By Jane Doe", "First paragraph."]
        );
    }

    #[test]
    fn blank_lines_with_nbsp_and_zero_width_are_blank() {
        assert_eq!(texts("A.\n \u{a0}\u{200b}\nB."), ["A.", "B."]);
        let blocks = segment("A.\n \u{a0}\nB.");
        assert!(blocks[1].gap_before);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The council voted on Tuesday to close the old bridge to all traffic\n\
                    after inspectors found cracks in two of its supporting piers, the\n\
                    mayor said in a statement released late in the evening.\n\
                    \n\
                    Residents were told to expect long detours for at least six months\n\
                    while engineers assess whether the structure can be repaired at a\n\
                    reasonable cost.\n\
                    \n\
                    A short line.";
        let got = texts(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].ends_with("late in the evening."));
        assert!(got[1].starts_with("Residents") && got[1].ends_with("cost."));
        assert_eq!(segment(text)[0].lines, 3);
    }

    #[test]
    fn lowercase_continuation_joins() {
        assert_eq!(
            texts("This sentence was broken by a careless editor in\nthe middle of a clause.\n\nNext."),
            [
                "This sentence was broken by a careless editor in\nthe middle of a clause.",
                "Next."
            ]
        );
    }

    #[test]
    fn no_soft_joins_in_one_block_per_line_dumps() {
        let text = "A headline that is long enough to be joined by mistake\n\
                    by Jane Doe\n\
                    First paragraph of the story, which goes on for a while and\n\
                    ends here.";
        assert_eq!(texts(text).len(), 4);
    }

    #[test]
    fn tag_lines_stay_separate() {
        assert_eq!(
            texts("Related News\n\nRussia, Syria\nISIL, Syria's War, War"),
            ["Related News", "Russia, Syria", "ISIL, Syria's War, War"]
        );
    }

    #[test]
    fn unspaced_sentences_are_not_wrapped_lines() {
        let text = "町議会は火曜日の夜、点検で二本の橋脚に深いひびが見つかったことを受けて、古い橋を通行止めにした。\n\
                    三時間に及ぶ議論の末の決定で、東岸の住民は市場まで車で二十分余計にかかることになる。\n\
                    技術者によると、修理には少なくとも半年かかり、費用は町の年間の道路予算を上回る見込みだという。\n\
                    町は来月、改めて会議を開き、工事の費用をどう賄うかを決める予定だ。";
        assert_eq!(texts(text).len(), 4);
    }

    #[test]
    fn a_single_long_line_is_one_block() {
        let text = "word ".repeat(10_000);
        let blocks = segment(&text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].span.end, text.len() - 1);
    }
}
