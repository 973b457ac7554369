//! `copydesk eval structure FILE`: structure scores on a structure eval file.
//!
//! Each JSONL record holds a page's raw `text`, its gold `blocks` (code-point offsets, a
//! label each) and `gold` strings. The page is parsed with [`copydesk::parse`]; every gold
//! block takes the predicted label that covers at least half of its bytes. Scores per
//! flavour (`blocks`, `lines`, and `wrapped`: the `blocks` pages re-wrapped at 72 columns):
//!
//! * headline / dek accuracy: normalized predicted text equals the gold string;
//! * byline accuracy: exact (normalized, predicted bylines joined by a space) and lenient
//!   (a predicted byline overlaps a gold byline block);
//! * body block precision / recall / F1 (micro over blocks, macro over pages): positives are
//!   `paragraph` and `subhead` (or `body`); blocks with `gold_tag` are skipped, and an
//!   `alt_label: dek` block counts as right either way;
//! * paragraph-boundary F1: a predicted body element whose trimmed span equals a gold body
//!   block's span;
//! * throughput of `parse` alone.
//!
//! Setting `COPYDESK_EVAL_DUMP=PATH` writes every misclassified block to `PATH` for error
//! analysis.

use copydesk::{Article, ElementKind, Span};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// The column the `wrapped` flavour wraps at.
const WRAP: usize = 72;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: String,
    #[serde(default)]
    flavor: String,
    text: String,
    blocks: Vec<GoldBlock>,
    #[serde(default)]
    gold: Gold,
}

#[derive(Deserialize, Clone)]
struct GoldBlock {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    gold_tag: Option<String>,
    #[serde(default)]
    alt_label: Option<String>,
}

#[derive(Deserialize, Default)]
struct Gold {
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    byline: Option<String>,
    #[serde(default)]
    dek: Option<String>,
}

/// A ratio with its counts.
#[derive(Default, Clone, Copy)]
struct Ratio {
    hit: usize,
    total: usize,
}

impl Ratio {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hit += usize::from(hit);
    }

    fn value(self) -> Option<f64> {
        (self.total > 0).then(|| self.hit as f64 / self.total as f64)
    }
}

/// True/false positive counts.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one flavour.
#[derive(Default)]
struct Scores {
    pages: usize,
    failed: usize,
    headline: Ratio,
    byline: Ratio,
    byline_lenient: Ratio,
    dek: Ratio,
    body: Counts,
    body_macro_f1: f64,
    boundary: Counts,
    bytes: usize,
    time: Duration,
}

/// Runs the eval on `path` and prints the tables and the JSON summary.
pub fn run(path: &str) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let mut dump = match std::env::var_os("COPYDESK_EVAL_DUMP") {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(&p).map_err(|e| format!("cannot create dump file: {e}"))?,
        )),
        None => None,
    };
    let mut scores: BTreeMap<String, Scores> = BTreeMap::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read {path}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line)
            .map_err(|e| format!("{path}:{}: bad record: {e}", n + 1))?;
        let blocks = byte_blocks(&record.text, &record.blocks)
            .ok_or_else(|| format!("{path}:{}: block offsets out of range", n + 1))?;
        let flavor = if record.flavor.is_empty() {
            "all".to_string()
        } else {
            record.flavor.clone()
        };
        score_page(
            &record,
            &record.text,
            &blocks,
            scores.entry(flavor.clone()).or_default(),
            dump.as_mut().map(|d| d as &mut dyn Write),
            &flavor,
        );
        if record.flavor == "blocks" {
            let wrapped = wrap(&record.text, &blocks);
            score_page(
                &record,
                &wrapped,
                &blocks,
                scores.entry("wrapped".into()).or_default(),
                dump.as_mut().map(|d| d as &mut dyn Write),
                "wrapped",
            );
        }
    }
    if let Some(d) = dump.as_mut() {
        d.flush().map_err(|e| format!("cannot write dump: {e}"))?;
    }
    print_table(&scores);
    println!("{}", json_summary(&scores));
    Ok(())
}

/// A gold block in byte offsets.
#[derive(Clone, Copy)]
struct Block<'r> {
    span: Span,
    gold: &'r GoldBlock,
}

impl Block<'_> {
    fn is_body(&self) -> bool {
        matches!(self.gold.label.as_str(), "paragraph" | "subhead" | "body")
    }

    fn is_alt_dek(&self) -> bool {
        self.gold.alt_label.as_deref() == Some("dek")
    }
}

/// Converts code-point offsets to byte offsets.
fn byte_blocks<'r>(text: &str, blocks: &'r [GoldBlock]) -> Option<Vec<Block<'r>>> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    blocks
        .iter()
        .map(|g| {
            Some(Block {
                span: Span::new(*offsets.get(g.start)?, *offsets.get(g.end)?),
                gold: g,
            })
        })
        .collect()
}

/// Re-wraps every block at [`WRAP`] columns by turning some spaces into line breaks, so
/// byte offsets stay the same. Blocks are already separated by blank lines. A block that
/// overlaps one wrapped before it (gold blocks should not overlap) is left as it is: each
/// byte is read once, where blocks that all spanned the whole text read it once a block.
fn wrap(text: &str, blocks: &[Block<'_>]) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut wrapped_to = 0;
    for b in blocks {
        if b.span.start < wrapped_to {
            continue;
        }
        let Some(s) = b.span.get(text) else { continue };
        wrapped_to = b.span.end;
        let mut line = 0usize;
        let mut at = 0usize;
        for word in s.split(' ') {
            let n = word.chars().count();
            if at > 0 {
                // `at - 1` is the space before this word.
                if line + 1 + n > WRAP {
                    out[b.span.start + at - 1] = b'\n';
                    line = n;
                } else {
                    line += 1 + n;
                }
            } else {
                line = n;
            }
            at += word.len() + 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The predicted label of a top-level element, for scoring.
fn is_body_kind(k: ElementKind) -> bool {
    matches!(k, ElementKind::Paragraph | ElementKind::Subhead)
}

fn kind_name(k: ElementKind) -> &'static str {
    match k {
        ElementKind::Headline => "headline",
        ElementKind::Dek => "dek",
        ElementKind::Byline => "byline",
        ElementKind::Credit => "credit",
        ElementKind::Date => "date",
        ElementKind::Paragraph => "paragraph",
        ElementKind::Subhead => "subhead",
        ElementKind::RelatedHeading => "related_heading",
        ElementKind::TagGroup => "tags",
        ElementKind::Boilerplate => "boilerplate",
        _ => "other",
    }
}

/// For each gold block, the predicted element kind covering at least half its bytes.
fn predicted_kinds(top: &[(ElementKind, Span)], blocks: &[Block<'_>]) -> Vec<Option<ElementKind>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut first = 0;
    for b in blocks {
        while first < top.len() && top[first].1.end <= b.span.start {
            first += 1;
        }
        let mut cover: Vec<(ElementKind, usize)> = Vec::new();
        let mut i = first;
        while i < top.len() && top[i].1.start < b.span.end {
            let (k, s) = top[i];
            let overlap = s
                .end
                .min(b.span.end)
                .saturating_sub(s.start.max(b.span.start));
            match cover.iter_mut().find(|(c, _)| *c == k) {
                Some(c) => c.1 += overlap,
                None => cover.push((k, overlap)),
            }
            i += 1;
        }
        let len = b.span.end - b.span.start;
        out.push(
            cover
                .into_iter()
                .max_by_key(|&(_, n)| n)
                .filter(|&(_, n)| n * 2 >= len)
                .map(|(k, _)| k),
        );
    }
    out
}

/// Text normalization for comparing strings: NFKC, case fold, plain quotes and dashes, no
/// zero-width characters, whitespace collapsed.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc().flat_map(char::to_lowercase) {
        let c = match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

fn score_page(
    record: &Record,
    text: &str,
    blocks: &[Block<'_>],
    scores: &mut Scores,
    dump: Option<&mut dyn Write>,
    flavor: &str,
) {
    scores.pages += 1;
    scores.bytes += text.len();
    let started = Instant::now();
    let parsed = copydesk::parse(text);
    scores.time += started.elapsed();
    let article = match parsed {
        Ok(a) => a,
        Err(_) => {
            scores.failed += 1;
            Article::default()
        }
    };
    let top = article.top_level();
    let kinds = predicted_kinds(&top, blocks);

    // Headline, byline, dek.
    let gold = &record.gold;
    if let Some(h) = &gold.headline {
        let got = article.headline.as_ref().map(|h| norm(&h.text));
        scores
            .headline
            .add(got.as_deref() == Some(norm(h).as_str()));
    }
    if let Some(b) = &gold.byline {
        let joined: Vec<&str> = article.bylines.iter().map(|b| b.as_str()).collect();
        let want = norm(b);
        let exact = norm(&joined.join(" ")) == want
            || article.bylines.iter().any(|b| norm(&b.text) == want);
        scores.byline.add(exact);
        let lenient = article.bylines.iter().any(|p| {
            blocks.iter().any(|g| {
                g.gold.label == "byline" && p.span.start < g.span.end && g.span.start < p.span.end
            })
        });
        scores.byline_lenient.add(lenient);
    }
    if let Some(d) = &gold.dek {
        let got = article.dek.as_ref().map(|d| norm(&d.text));
        scores.dek.add(got.as_deref() == Some(norm(d).as_str()));
    }

    // Body blocks.
    let mut page = Counts::default();
    let mut errors: Vec<(usize, bool, Option<ElementKind>)> = Vec::new();
    for (i, (b, k)) in blocks.iter().zip(&kinds).enumerate() {
        if b.gold.gold_tag.is_some() {
            continue;
        }
        let predicted = k.is_some_and(is_body_kind);
        if b.is_alt_dek() && (predicted || *k == Some(ElementKind::Dek)) {
            page.tp += 1;
            continue;
        }
        match (b.is_body(), predicted) {
            (true, true) => page.tp += 1,
            (false, true) => {
                page.fp += 1;
                errors.push((i, false, *k));
            }
            (true, false) => {
                page.fn_ += 1;
                errors.push((i, true, *k));
            }
            (false, false) => {}
        }
    }
    scores.body.add(page);
    scores.body_macro_f1 += page.f1();

    // Paragraph boundaries.
    let gold_spans: std::collections::HashMap<(usize, usize), &Block<'_>> = blocks
        .iter()
        .map(|b| ((b.span.start, b.span.end), b))
        .collect();
    let mut bound = Counts::default();
    let mut matched = 0;
    for b in &article.body {
        let s = b.span();
        match gold_spans.get(&(s.start, s.end)) {
            Some(g) if g.gold.gold_tag.is_some() => {}
            Some(g) if g.is_body() || g.is_alt_dek() => {
                bound.tp += 1;
                matched += 1;
            }
            _ => bound.fp += 1,
        }
    }
    let gold_body = blocks
        .iter()
        .filter(|b| b.gold.gold_tag.is_none() && b.is_body())
        .count();
    bound.fn_ = gold_body.saturating_sub(matched);
    scores.boundary.add(bound);

    if let Some(d) = dump {
        let _ = writeln!(
            d,
            "=== {flavor} {} body P={:.2} R={:.2} headline={:?} bylines={:?} dek={:?} gold_headline={:?} gold_byline={:?} gold_dek={:?}",
            record.id,
            page.precision(),
            page.recall(),
            article.headline.as_ref().map(|h| h.as_str()),
            article.bylines.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
            article.dek.as_ref().map(|h| h.as_str()),
            gold.headline,
            gold.byline,
            gold.dek,
        );
        for (i, missed, k) in errors {
            let b = &blocks[i];
            let t = b.span.get(text).unwrap_or("");
            let short: String = t.chars().take(160).collect();
            let _ = writeln!(
                d,
                "{} #{i} gold={} got={} | {}",
                if missed { "MISS" } else { "FP  " },
                b.gold.label,
                k.map_or("none", kind_name),
                short.replace('\n', "⏎")
            );
        }
    }
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.3}"))
}

fn print_table(scores: &BTreeMap<String, Scores>) {
    println!(
        "{:<8} {:>5} {:>8} {:>8} {:>8} {:>6} {:>7} {:>7} {:>7} {:>7} {:>8} {:>8}",
        "flavour",
        "pages",
        "headline",
        "byline",
        "byline~",
        "dek",
        "body P",
        "body R",
        "body F1",
        "macroF1",
        "bound F1",
        "MB/s"
    );
    for (name, s) in scores {
        println!(
            "{:<8} {:>5} {:>8} {:>8} {:>8} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>8.3} {:>8.1}",
            name,
            s.pages,
            fmt(s.headline.value()),
            fmt(s.byline.value()),
            fmt(s.byline_lenient.value()),
            fmt(s.dek.value()),
            s.body.precision(),
            s.body.recall(),
            s.body.f1(),
            s.body_macro_f1 / s.pages.max(1) as f64,
            s.boundary.f1(),
            throughput(s),
        );
    }
}

fn throughput(s: &Scores) -> f64 {
    let secs = s.time.as_secs_f64();
    if secs == 0.0 {
        0.0
    } else {
        s.bytes as f64 / 1e6 / secs
    }
}

fn json_summary(scores: &BTreeMap<String, Scores>) -> String {
    let ratio =
        |r: Ratio| serde_json::json!({ "value": r.value(), "hit": r.hit, "total": r.total });
    let map: serde_json::Map<String, serde_json::Value> = scores
        .iter()
        .map(|(name, s)| {
            (
                name.clone(),
                serde_json::json!({
                    "pages": s.pages,
                    "failed": s.failed,
                    "headline_accuracy": ratio(s.headline),
                    "byline_accuracy": ratio(s.byline),
                    "byline_lenient_accuracy": ratio(s.byline_lenient),
                    "dek_accuracy": ratio(s.dek),
                    "body": {
                        "precision": s.body.precision(),
                        "recall": s.body.recall(),
                        "f1": s.body.f1(),
                        "macro_f1": s.body_macro_f1 / s.pages.max(1) as f64,
                        "tp": s.body.tp, "fp": s.body.fp, "fn": s.body.fn_,
                    },
                    "boundary": {
                        "precision": s.boundary.precision(),
                        "recall": s.boundary.recall(),
                        "f1": s.boundary.f1(),
                    },
                    "throughput_mb_s": throughput(s),
                }),
            )
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_offsets_and_width() {
        let text = "word ".repeat(40);
        let text = text.trim_end();
        let g = GoldBlock {
            start: 0,
            end: text.chars().count(),
            label: "paragraph".into(),
            gold_tag: None,
            alt_label: None,
        };
        let blocks = byte_blocks(text, std::slice::from_ref(&g)).unwrap_or_default();
        let w = wrap(text, &blocks);
        assert_eq!(w.len(), text.len());
        assert!(w.lines().count() > 2);
        assert!(w.lines().all(|l| l.chars().count() <= WRAP));
    }

    /// Gold blocks that overlap: only the first of those that share bytes is wrapped (the
    /// others were each a pass over the whole text), and the wrapping keeps the offsets.
    #[test]
    fn wrap_reads_overlapping_blocks_once() {
        let text = "word ".repeat(40);
        let text = text.trim_end();
        let n = text.chars().count();
        let gold = |start, end| GoldBlock {
            start,
            end,
            label: "paragraph".into(),
            gold_tag: None,
            alt_label: None,
        };
        let wrapped = |gold: &[GoldBlock]| wrap(text, &byte_blocks(text, gold).unwrap_or_default());
        assert_eq!(
            wrapped(&[gold(0, n), gold(0, n), gold(10, n), gold(0, 50)]),
            wrapped(&[gold(0, n)])
        );
        // A later block that starts after the first is wrapped.
        let w = wrapped(&[gold(0, 50), gold(0, 20), gold(50, n)]);
        assert_eq!(w.len(), text.len());
        assert!(w[50..].lines().all(|l| l.chars().count() <= WRAP));
        assert!(w[50..].contains('\n'));
    }

    #[test]
    fn norm_folds_quotes_dashes_case() {
        assert_eq!(norm("  It’s — “Big”\u{200b}  News "), "it's - \"big\" news");
    }
}
