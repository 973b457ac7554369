//! `copydesk eval quotes FILE`: quote and speaker scores on a quotes eval file.
//!
//! The file is JSONL, one paragraph a line: `{"id", "doc_id", "paragraph_index", "text",
//! "quotes": [{"start", "end", "speaker_start", "speaker_end", "mixed", ...}]}` with offsets
//! in Unicode code points (see the eval README). Two runs are scored:
//!
//! * **paragraph**: each record's text alone through `Parser::quotes`;
//! * **document**: the records of one `doc_id`, in `paragraph_index` order, joined with
//!   blank lines and run once, so that pronouns, surnames and continuations can reach
//!   across paragraphs. Predictions are mapped back to their paragraph.
//!
//! A predicted quote matches a gold one when their content spans are equal after trimming
//! whitespace and `, . ; :` at both ends. Speaker accuracy counts matched quotes whose gold
//! mention lies in the paragraph and whose predicted `mention` overlaps it. Set
//! `COPYDESK_EVAL_SAMPLES=PATH` to write a sample of each error category to PATH.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::io::BufRead;
use std::time::{Duration, Instant};

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    doc_id: Option<String>,
    #[serde(default)]
    paragraph_index: Option<i64>,
    text: String,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
struct GoldQuote {
    start: usize,
    end: usize,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_start: Option<usize>,
    #[serde(default)]
    speaker_end: Option<usize>,
    #[serde(default)]
    mixed: bool,
}

/// A predicted quote in paragraph code-point offsets.
#[derive(Debug, Clone)]
struct Pred {
    start: usize,
    end: usize,
    mention: Option<(usize, usize)>,
    mention_text: Option<String>,
    has_attribution: bool,
}

/// Byte offset → code-point offset for one text.
struct CpMap {
    /// Byte offset of each char, plus the text length at the end.
    starts: Vec<usize>,
}

impl CpMap {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CpMap { starts }
    }

    fn cp(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) | Err(i) => i,
        }
    }
}

fn trim_cp(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    let strip = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':');
    e = e.min(chars.len());
    while s < e && strip(chars[s]) {
        s += 1;
    }
    while e > s && strip(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "his", "their",
];

#[derive(Default)]
struct Score {
    gold: usize,
    pred: usize,
    matched: usize,
    gold_direct: usize,
    matched_direct: usize,
    gold_mixed: usize,
    matched_mixed: usize,
    /// Matched quotes whose gold mention is in the paragraph.
    speaker_gold_matched: usize,
    /// Gold quotes whose gold mention is in the paragraph.
    speaker_gold_all: usize,
    speaker_right: usize,
    bytes: usize,
    time: Duration,
    failed_records: usize,
    errors: BTreeMap<&'static str, usize>,
    samples: BTreeMap<&'static str, Vec<String>>,
}

/// Samples kept per error category (`COPYDESK_EVAL_SAMPLES_MAX` overrides).
fn samples_per_category() -> usize {
    std::env::var("COPYDESK_EVAL_SAMPLES_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
}

impl Score {
    fn error(&mut self, cat: &'static str, sample: impl FnOnce() -> String) {
        *self.errors.entry(cat).or_default() += 1;
        let v = self.samples.entry(cat).or_default();
        if v.len() < samples_per_category() {
            v.push(sample());
        }
    }

    /// Scores one paragraph's predictions against its gold quotes.
    fn add(&mut self, rec: &Record, preds: &[Pred]) {
        let chars: Vec<char> = rec.text.chars().collect();
        let snippet = |s: usize, e: usize| -> String {
            let lo = s.saturating_sub(60);
            let hi = (e + 60).min(chars.len());
            let take = |a: usize, b: usize| {
                chars
                    .get(a..b.min(chars.len()).max(a))
                    .map(|c| c.iter().collect::<String>())
                    .unwrap_or_default()
            };
            format!("{}[[{}]]{}", take(lo, s), take(s, e), take(e, hi))
        };
        let id = rec.id.clone().unwrap_or_default();
        let gold: Vec<(usize, usize)> = rec
            .quotes
            .iter()
            .map(|q| trim_cp(&chars, q.start, q.end))
            .collect();
        let pred: Vec<(usize, usize)> = preds
            .iter()
            .map(|p| trim_cp(&chars, p.start, p.end))
            .collect();
        self.gold += gold.len();
        self.pred += pred.len();
        let mut pred_used = vec![false; pred.len()];
        // The predictions of each span, in order, the first unused one at the front: a gold
        // quote takes the first unused prediction equal to it without reading the others
        // (a scan of every prediction for each gold quote was quadratic in a record's quotes).
        let mut by_span: HashMap<(usize, usize), VecDeque<usize>> =
            HashMap::with_capacity(pred.len());
        for (pi, p) in pred.iter().enumerate() {
            by_span.entry(*p).or_default().push_back(pi);
        }
        for (gi, g) in gold.iter().enumerate() {
            let q = &rec.quotes[gi];
            if q.mixed {
                self.gold_mixed += 1;
            } else {
                self.gold_direct += 1;
            }
            let gold_mention = match (q.speaker_start, q.speaker_end) {
                (Some(s), Some(e)) => Some((s, e)),
                _ => None,
            };
            if gold_mention.is_some() {
                self.speaker_gold_all += 1;
            }
            let hit = by_span.get_mut(g).and_then(VecDeque::pop_front);
            let Some(pi) = hit else {
                self.error("missed_quote", || format!("{id}\t{}", snippet(g.0, g.1)));
                continue;
            };
            pred_used[pi] = true;
            self.matched += 1;
            if q.mixed {
                self.matched_mixed += 1;
            } else {
                self.matched_direct += 1;
            }
            let Some((gs, ge)) = gold_mention else {
                continue;
            };
            self.speaker_gold_matched += 1;
            let p = &preds[pi];
            let right = p.mention.is_some_and(|(ms, me)| ms < ge && gs < me);
            if right {
                self.speaker_right += 1;
                continue;
            }
            let gold_text = q.speaker.clone().unwrap_or_default();
            let cat = match p.mention {
                None if !p.has_attribution => "wrong_speaker_no_attribution",
                None => "wrong_speaker_continuation_without_mention",
                Some(_) if PRONOUNS.contains(&gold_text.to_lowercase().as_str()) => {
                    "wrong_speaker_pronoun"
                }
                Some((ms, me)) if ms.abs_diff(ge) < 40 || me.abs_diff(gs) < 40 => {
                    "wrong_speaker_descriptor_or_boundary"
                }
                Some(_) => "wrong_speaker_other",
            };
            let got = p.mention_text.clone().unwrap_or_else(|| "-".into());
            self.error(cat, || {
                format!(
                    "{id}\tgold={gold_text:?} got={got:?}\t{}",
                    snippet(g.0, g.1)
                )
            });
        }
        for (pi, used) in pred_used.iter().enumerate() {
            if !used {
                let p = pred[pi];
                self.error("false_quote", || format!("{id}\t{}", snippet(p.0, p.1)));
            }
        }
    }

    fn json(&self) -> serde_json::Value {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = div(self.matched, self.pred);
        let r = div(self.matched, self.gold);
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        let secs = self.time.as_secs_f64();
        serde_json::json!({
            "gold_quotes": self.gold,
            "predicted_quotes": self.pred,
            "matched_quotes": self.matched,
            "precision": p,
            "recall": r,
            "f1": f1,
            "recall_direct": div(self.matched_direct, self.gold_direct),
            "recall_mixed": div(self.matched_mixed, self.gold_mixed),
            "speaker_accuracy": div(self.speaker_right, self.speaker_gold_matched),
            "attributed_recall": div(self.speaker_right, self.speaker_gold_all),
            "speaker_scored_quotes": self.speaker_gold_matched,
            "throughput_mb_s": if secs > 0.0 { self.bytes as f64 / 1e6 / secs } else { 0.0 },
            "bytes": self.bytes,
            "failed_records": self.failed_records,
            "errors": self.errors,
        })
    }
}

/// Runs `Parser::quotes` on `text` and returns predictions in code points of `text`.
fn predict<'t>(text: &'t str, score: &mut Score) -> Option<(Vec<copydesk::Quote<'t>>, CpMap)> {
    let parser = copydesk::Parser::default();
    let t0 = Instant::now();
    let out = parser.quotes(text);
    score.time += t0.elapsed();
    score.bytes += text.len();
    match out {
        Ok(q) => Some((q, CpMap::new(text))),
        Err(_) => {
            score.failed_records += 1;
            None
        }
    }
}

fn to_pred(q: &copydesk::Quote<'_>, map: &CpMap, base_cp: usize) -> Pred {
    let a = q.attribution.as_ref();
    let mention = a.and_then(|a| a.mention.as_ref());
    Pred {
        start: map.cp(q.span.start) - base_cp,
        end: map.cp(q.span.end) - base_cp,
        mention: mention.map(|m| {
            (
                map.cp(m.span.start).saturating_sub(base_cp),
                map.cp(m.span.end).saturating_sub(base_cp),
            )
        }),
        mention_text: mention.map(|m| m.text.to_string()),
        has_attribution: a.is_some(),
    }
}

fn score_paragraphs(records: &[Record]) -> Score {
    let mut score = Score::default();
    for rec in records {
        let preds = match predict(&rec.text, &mut score) {
            Some((quotes, map)) => quotes.iter().map(|q| to_pred(q, &map, 0)).collect(),
            None => Vec::new(),
        };
        score.add(rec, &preds);
    }
    score
}

fn score_documents(records: &[Record]) -> Score {
    let mut docs: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for (i, rec) in records.iter().enumerate() {
        let _ = i;
        docs.entry(
            rec.doc_id
                .as_deref()
                .unwrap_or(rec.id.as_deref().unwrap_or("")),
        )
        .or_default()
        .push(rec);
    }
    let mut score = Score::default();
    for (_, mut recs) in docs {
        recs.sort_by_key(|r| r.paragraph_index.unwrap_or(0));
        let mut text = String::new();
        let mut starts = Vec::with_capacity(recs.len());
        for r in &recs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            starts.push(text.len());
            text.push_str(&r.text);
        }
        let mut per: Vec<Vec<Pred>> = vec![Vec::new(); recs.len()];
        if let Some((quotes, map)) = predict(&text, &mut score) {
            for q in &quotes {
                let pi = starts
                    .partition_point(|&s| s <= q.span.start)
                    .saturating_sub(1);
                let base_cp = map.cp(starts[pi]);
                per[pi].push(to_pred(q, &map, base_cp));
            }
        }
        for (r, preds) in recs.iter().zip(&per) {
            score.add(r, preds);
        }
    }
    score
}

fn table(name: &str, s: &serde_json::Value) -> String {
    let f = |k: &str| s[k].as_f64().unwrap_or(0.0);
    let mut out = String::new();
    let _ = writeln!(out, "{name}");
    let _ = writeln!(
        out,
        "  quotes     P {:.4}  R {:.4}  F1 {:.4}   (gold {}, predicted {}, matched {})",
        f("precision"),
        f("recall"),
        f("f1"),
        s["gold_quotes"],
        s["predicted_quotes"],
        s["matched_quotes"]
    );
    let _ = writeln!(
        out,
        "  recall     direct {:.4}  mixed {:.4}",
        f("recall_direct"),
        f("recall_mixed")
    );
    let _ = writeln!(
        out,
        "  speakers   accuracy {:.4}  attributed recall {:.4}   (scored {})",
        f("speaker_accuracy"),
        f("attributed_recall"),
        s["speaker_scored_quotes"]
    );
    let _ = writeln!(out, "  throughput {:.1} MB/s", f("throughput_mb_s"));
    if let Some(errors) = s["errors"].as_object() {
        for (k, v) in errors {
            let _ = writeln!(out, "  error      {k:<45} {v}");
        }
    }
    out
}

pub fn run(path: &str) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let mut records = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read {path}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(&line)
            .map_err(|e| format!("{path}:{}: not a quotes eval record: {e}", n + 1))?;
        records.push(rec);
    }
    let para = score_paragraphs(&records);
    let doc = score_documents(&records);
    let (pj, dj) = (para.json(), doc.json());
    println!(
        "{}",
        serde_json::json!({"file": path, "records": records.len(), "paragraph": pj, "document": dj})
    );
    print!("{}", table("paragraph-level (each record alone)", &pj));
    print!(
        "{}",
        table("document-level (records of a doc_id joined in order)", &dj)
    );
    if let Ok(out) = std::env::var("COPYDESK_EVAL_SAMPLES") {
        let mut text = String::new();
        for (mode, s) in [("paragraph", &para), ("document", &doc)] {
            for (cat, v) in &s.samples {
                let _ = writeln!(text, "## {mode} {cat}");
                for line in v {
                    let _ = writeln!(text, "{line}");
                }
            }
        }
        std::fs::write(&out, text).map_err(|e| format!("cannot write {out}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(start: usize, end: usize) -> GoldQuote {
        GoldQuote {
            start,
            end,
            speaker: None,
            speaker_start: None,
            speaker_end: None,
            mixed: false,
        }
    }

    fn pred(start: usize, end: usize) -> Pred {
        Pred {
            start,
            end,
            mention: None,
            mention_text: None,
            has_attribution: false,
        }
    }

    /// Each gold quote takes one unused prediction of its span: a span given twice in the
    /// gold and once in the predictions matches once, and leaves one missed quote; spans
    /// matched nowhere are false quotes.
    #[test]
    fn gold_quotes_take_one_prediction_each() {
        let rec = Record {
            id: Some("r".into()),
            doc_id: None,
            paragraph_index: None,
            text: "abcdefghijklmnopqrstuvwxyz".into(),
            quotes: vec![gold(0, 3), gold(0, 3), gold(5, 9), gold(10, 12)],
        };
        let mut score = Score::default();
        score.add(&rec, &[pred(5, 9), pred(0, 3), pred(20, 22), pred(5, 9)]);
        assert_eq!((score.gold, score.pred, score.matched), (4, 4, 2));
        assert_eq!(score.errors.get("missed_quote"), Some(&2));
        assert_eq!(score.errors.get("false_quote"), Some(&2));
        // Both copies predicted: both match.
        let mut score = Score::default();
        score.add(&rec, &[pred(0, 3), pred(0, 3)]);
        assert_eq!(score.matched, 2);
        assert_eq!(score.errors.get("false_quote"), None);
    }

    /// Many quotes in one record, predicted in the reverse order: all matched, each once.
    #[test]
    fn many_quotes_in_one_record_all_match() {
        let n = 20_000;
        let text = "ab".repeat(n);
        let rec = Record {
            id: None,
            doc_id: None,
            paragraph_index: None,
            quotes: (0..n).map(|i| gold(2 * i, 2 * i + 1)).collect(),
            text,
        };
        let preds: Vec<Pred> = (0..n).rev().map(|i| pred(2 * i, 2 * i + 1)).collect();
        let mut score = Score::default();
        score.add(&rec, &preds);
        assert_eq!(score.matched, n);
        assert!(score.errors.is_empty(), "{:?}", score.errors);
    }
}
