//! CRLF text parses as LF text does where a limit counts bytes or characters of a block
//! that holds line ends (a hard-wrapped paragraph, its lines joined into one block): each
//! test sweeps a text across a limit's edge and checks the CRLF text against the LF one
//! ([`check_crlf`]), and that the sweep meets both sides of the edge.

use crate::invariants::check_crlf;
use copydesk::Parser;

/// `n` characters of a caseless script, none repeated within a line.
fn han(n: usize, from: u32) -> String {
    (0..n)
        .map(|i| char::from_u32(0x4e00 + from + i as u32).unwrap_or('中'))
        .collect()
}

/// Paragraphs of four hard-wrapped lines of a caseless script, 30 characters a line
/// with a comma, each paragraph a sentence.
fn han_paragraphs(paragraphs: usize, from: u32) -> String {
    let mut s = String::new();
    for p in 0..paragraphs as u32 {
        for l in 0..4 {
            let at = from + 200 * p + 40 * l;
            s.push_str(&han(15, at));
            s.push('，');
            s.push_str(&han(14, at + 20));
            s.push_str(if l == 3 { "。\n" } else { "\n" });
        }
        s.push('\n');
    }
    s
}

/// A block of a caseless script wrapped over two lines at the top of a text, its size (its
/// characters, a line end counting one, halved) swept across the least size of prose (30):
/// the CRLF text reads it as the LF text does (the headline, or the story's first
/// paragraph). (With `\r` counted, a block of 59 characters was a headline with LF line
/// ends and prose with CRLF ones.)
#[test]
fn caseless_block_size_does_not_count_carriage_returns() {
    let parser = Parser::default();
    let (mut headlines, mut others) = (0, 0);
    for second in 14..32 {
        let lf = format!(
            "{}\n{}\n\n{}",
            han(36, 0),
            han(second, 100),
            han_paragraphs(4, 1000)
        );
        check_crlf(&parser, &lf);
        let article = parser.parse(&lf).expect("parses");
        let headline = article.headline.as_ref().is_some_and(|h| h.span.start == 0);
        headlines += usize::from(headline);
        others += usize::from(!headline);
    }
    assert!(
        headlines > 0 && others > 0,
        "{headlines} headlines, {others} others"
    );
}

/// A story's paragraphs, the block under test among them.
fn story_around(block: &str) -> String {
    format!(
        "Bridge to close for repairs\n\nThe town council voted on Tuesday night to close the \
         old bridge after engineers found deep cracks in two of its piers.\n\n{block}\n\nThe \
         decision came after three hours of debate, and residents on the east bank will now \
         face a twenty-minute detour to reach the market.\n\nRepairs are expected to take at \
         least six months, the engineers said in their report to the council.\n"
    )
}

/// A quotation's speaker named with a descriptor that runs over a line end, swept across
/// the longest descriptor an attribution gives (512 bytes): the CRLF text attributes the
/// quotation as the LF text does.
#[test]
fn attribution_length_does_not_count_carriage_returns() {
    let parser = Parser::default();
    let mut seen = std::collections::BTreeSet::new();
    for pad in 470..520 {
        let block = format!(
            "“We will fix the bridge,” said the harbour {}\nminister Jane Doe.",
            "x".repeat(pad)
        );
        let lf = story_around(&block);
        check_crlf(&parser, &lf);
        let article = parser.parse(&lf).expect("parses");
        let a = article.quotes.first().and_then(|q| q.attribution.as_ref());
        let got = a.map(|a| (a.descriptor.is_some(), a.mention.is_some()));
        seen.insert(got);
    }
    assert!(seen.len() > 1, "{seen:?}");
}
