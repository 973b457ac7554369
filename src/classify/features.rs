//! Per-block features, computed once per block in one pass over its text.

use super::lexicon::{fold, lexicon};
use crate::model::BoilerplateReason;
use crate::segment::Block;
use std::hash::{Hash, Hasher};

/// Blocks with more words than this are not folded for phrase and word-list matching.
const MAX_FOLDED_WORDS: usize = 60;
/// Length of the folded prefix compared by [`Features::prefix_key`].
const PREFIX_BYTES: usize = 100;
/// Blocks with more words than this are not searched for boilerplate phrases.
const MAX_PHRASE_WORDS: usize = 120;

/// What one block looks like.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// Characters (code points), blanks included.
    pub chars: usize,
    /// Words (runs of non-blank characters).
    pub words: usize,
    /// Words that start with a lower-case letter.
    pub lower: usize,
    /// Words that start with an upper-case letter.
    pub upper: usize,
    /// Letters of scripts without case (CJK, Thai, Arabic…).
    pub caseless: usize,
    /// Letters of any script.
    pub letters: usize,
    /// Decimal digits.
    pub digits: usize,
    /// Ends with sentence punctuation (`.`, `!`, `?`, `…`, `。`, …), closing quotes and
    /// brackets aside.
    pub terminal: bool,
    /// Ends with a full stop (or `。`) rather than `!`, `?`, `:`.
    pub full_stop: bool,
    /// Ends with `:`.
    pub colon: bool,
    /// Sentence ends inside the block (`. ` followed by more text, `。`).
    pub inner_stops: usize,
    /// Commas (`,`, `，`, `、`).
    pub commas: usize,
    /// Separators typical of menus and metadata lines: `|`, `•`, `·`, `»`, `›`, `>`, `/`.
    pub separators: usize,
    /// Looks like a link or handle: `http`, `www.`, `.com`, `@name`.
    pub linky: bool,
    /// Starts with a list marker (`-`, `*`, `•`, `+`, `1.`, `(1)`).
    pub list_marker: bool,
    /// Ends with a "more…" link: a teaser for another story.
    pub teaser: bool,
    /// Hash of the first [`PREFIX_BYTES`] bytes of the folded text, or 0 when it is shorter:
    /// a long block that starts like an earlier one is a copy (a page's whole story repeated
    /// in one block, say).
    pub prefix_key: u64,
    /// Hash of the folded text (duplicates).
    pub key: u64,
    /// The folded text, for blocks of up to [`MAX_FOLDED_WORDS`] words; empty otherwise.
    pub folded: String,
    /// Boilerplate reason found by phrase.
    pub reason: Option<BoilerplateReason>,
}

impl Features {
    /// Share of cased words that start in lower case (1.0 for caseless text).
    pub fn lower_ratio(&self) -> f32 {
        let cased = self.lower + self.upper;
        if cased == 0 {
            1.0
        } else {
            self.lower as f32 / cased as f32
        }
    }

    /// True when most letters are of a caseless script (Chinese, Japanese, Thai…).
    pub fn caseless_script(&self) -> bool {
        self.caseless * 2 > self.letters && self.letters > 0
    }

    /// Reads like one or more sentences.
    pub fn sentence(&self) -> bool {
        self.terminal || self.inner_stops > 0
    }

    /// A weight for the amount of prose in the block: words, or characters / 2 in a
    /// caseless script.
    pub fn size(&self) -> usize {
        if self.caseless_script() {
            self.chars / 2
        } else {
            self.words
        }
    }
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』' | '）' | '*' | '›'
    )
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '．')
}

/// Computes the features of every block.
pub(crate) fn features(text: &str, blocks: &[Block]) -> Vec<Features> {
    blocks
        .iter()
        .map(|b| block_features(b.span.get(text).unwrap_or("")))
        .collect()
}

/// The features of one block's text.
pub(crate) fn block_features(s: &str) -> Features {
    let mut f = Features::default();
    let mut in_word = false;
    let mut pending_case = false;
    let mut prev = ' ';
    let mut guillemets = (0usize, 0usize);
    for c in s.chars() {
        f.chars += 1;
        // (blank, alphabetic, lower, upper), with a fast path for ASCII.
        let (blank, alpha, lower, upper) = if c.is_ascii() {
            (
                c.is_ascii_whitespace() || c.is_ascii_control(),
                c.is_ascii_alphabetic(),
                c.is_ascii_lowercase(),
                c.is_ascii_uppercase(),
            )
        } else {
            let alpha = c.is_alphabetic();
            (
                crate::normalize::is_blank(c),
                alpha,
                alpha && c.is_lowercase(),
                alpha && c.is_uppercase(),
            )
        };
        if !blank && !in_word {
            f.words += 1;
            pending_case = true;
        }
        if pending_case && (alpha || c.is_ascii_digit()) {
            pending_case = false;
            f.lower += usize::from(lower);
            f.upper += usize::from(upper);
        }
        if alpha {
            f.letters += 1;
            f.caseless += usize::from(!lower && !upper);
        } else if c.is_ascii_digit() {
            f.digits += 1;
        }
        match c {
            ',' | '，' | '、' => f.commas += 1,
            '|' | '•' | '·' | '›' | '>' | '/' => f.separators += 1,
            // « » are quotation marks when they come in pairs, else a breadcrumb arrow.
            '«' => guillemets.0 += 1,
            '»' => guillemets.1 += 1,
            '。' | '！' | '？' => f.inner_stops += 1,
            _ => {}
        }
        if blank && matches!(prev, '.' | '!' | '?' | '…') {
            f.inner_stops += 1;
        }
        in_word = !blank;
        prev = c;
    }
    f.separators += guillemets.1.saturating_sub(guillemets.0);
    let tail = s.trim_end_matches(|c: char| is_closing(c) || crate::normalize::is_blank(c));
    let last = tail.chars().next_back();
    f.terminal = last.is_some_and(|c| is_stop(c) || c == ';');
    f.full_stop = last.is_some_and(|c| matches!(c, '.' | '。' | '．')) && !tail.ends_with("..")
        || last == Some('…');
    f.colon = last.is_some_and(|c| c == ':' || c == '：');
    let lower = s.get(..s.len().min(200)).unwrap_or("");
    f.linky = lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || (f.words <= 3 && (lower.contains(".com") || lower.starts_with('@')));
    let first = s.trim_start();
    f.list_marker = first.starts_with(['-', '*', '•', '+', '–', '—', '·', '▪', '►'])
        || first.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
        })
        || first.starts_with('(');
    let folded = fold(s);
    let mut h = super::lexicon::Fnv::default();
    folded.hash(&mut h);
    if folded.len() >= PREFIX_BYTES {
        let mut cut = PREFIX_BYTES;
        while !folded.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut p = super::lexicon::Fnv::default();
        folded.get(..cut).unwrap_or("").hash(&mut p);
        f.prefix_key = p.finish().max(1);
    }
    // Blocks with no letters or digits ("•", "—") are never duplicates.
    f.key = if folded.is_empty() {
        0
    } else {
        h.finish().max(1)
    };
    let last_word = folded.rsplit(' ').next().unwrap_or("");
    f.teaser = f.words > 3
        && (tail.ends_with('…')
            || tail.ends_with("...")
            || s.trim_end().ends_with(['»', '›', '>']))
        && lexicon().is("more", last_word);
    if f.words <= MAX_PHRASE_WORDS {
        let words = folded
            .as_bytes()
            .split(|&b| b == b' ')
            .filter(|w| !w.is_empty())
            .count();
        f.reason = lexicon().boilerplate(&folded, words, f.sentence() && f.words >= 6);
    }
    if f.words <= MAX_FOLDED_WORDS {
        f.folded = folded;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_case_and_punctuation() {
        let f = block_features("The council met. It voted, then left.");
        assert_eq!((f.words, f.lower, f.upper), (7, 5, 2));
        assert!(f.terminal && f.full_stop);
        assert_eq!((f.inner_stops, f.commas), (1, 1));
        let f = block_features("Possible Iranian escalation");
        assert!(!f.terminal && !f.sentence());
    }

    #[test]
    fn japanese_sentences_count() {
        let f = block_features("東京で新しい橋が開通した。多くの人が訪れた。");
        assert!(f.caseless_script());
        assert!(f.terminal && f.sentence());
        assert_eq!(f.inner_stops, 2);
    }

    #[test]
    fn closing_quotes_do_not_hide_the_stop() {
        assert!(block_features("“It works,” she said.”").terminal);
        assert!(block_features("He asked: «Why?»").terminal);
    }

    #[test]
    fn links_and_list_markers() {
        assert!(block_features("Read it at https://example.org/x").linky);
        assert!(block_features("- first item").list_marker);
        assert!(block_features("2. second item").list_marker);
        assert!(!block_features("2015 was a year.").list_marker);
    }
}
