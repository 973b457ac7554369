//! Bench inputs, shared by `benches/parse.rs` and `examples/bench_report.rs`.
//!
//! Real corpora are read from `../shared` (or `$COPYDESK_SHARED`) when present; otherwise the
//! repo's own test data stands in, so the benches run anywhere. The adversarial shapes are
//! generated.
#![allow(dead_code)]

use std::path::PathBuf;

/// A named set of texts.
pub struct Corpus {
    pub name: &'static str,
    pub texts: Vec<String>,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.texts.iter().map(String::len).sum()
    }
}

fn shared_dir() -> PathBuf {
    std::env::var_os("COPYDESK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")))
}

fn repo_texts() -> Vec<String> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The `text` field of every line of a JSONL file (empty when the file is missing).
fn jsonl_texts(rel: &str) -> Vec<String> {
    let Ok(data) = std::fs::read_to_string(shared_dir().join(rel)) else {
        return Vec::new();
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_owned))
        .collect()
}

fn or_repo(name: &'static str, texts: Vec<String>) -> Corpus {
    if texts.is_empty() {
        Corpus {
            name,
            texts: repo_texts(),
        }
    } else {
        Corpus { name, texts }
    }
}

/// The 200 seed variants.
pub fn seed_variants() -> Corpus {
    or_repo("seed-variants", jsonl_texts("bench/seed-variants.jsonl"))
}

/// The raw texts of the real web pages in the structure eval files.
pub fn web_pages() -> Corpus {
    let mut texts = jsonl_texts("eval/structure/dev.jsonl");
    texts.extend(jsonl_texts("eval/structure/dev_body.jsonl"));
    or_repo("web-pages", texts)
}

/// The paragraphs of the quotes eval file.
pub fn quote_paragraphs() -> Corpus {
    or_repo(
        "quote-paragraphs",
        jsonl_texts("eval/quotes/polnear-dev.jsonl"),
    )
}

/// The real corpora.
pub fn real() -> Vec<Corpus> {
    vec![seed_variants(), web_pages(), quote_paragraphs()]
}

/// One article-like text of at least `bytes` bytes, built from the seed variants.
pub fn article_text(bytes: usize) -> String {
    let seed = seed_variants();
    let mut out = String::with_capacity(bytes + 8192);
    'outer: loop {
        for t in &seed.texts {
            out.push_str(t);
            out.push_str("\n\n");
            if out.len() >= bytes {
                break 'outer;
            }
        }
        if seed.texts.is_empty() {
            out.push_str("Nothing to repeat.\n\n");
        }
    }
    out
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    let n = bytes / unit.len().max(1) + 1;
    unit.repeat(n)
}

/// One-word blocks, each word different (`aaaa`, `baaa`, … over `a`–`z`, five letters once
/// four run out), about `bytes` long.
fn distinct_words(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 16);
    let mut n = 0u64;
    while out.len() < bytes {
        let mut k = n;
        let mut letters = 0;
        while letters < 4 || k > 0 {
            out.push(char::from(b'a' + (k % 26) as u8));
            k /= 26;
            letters += 1;
        }
        out.push_str("\n\n");
        n += 1;
    }
    out
}

/// The names of the adversarial shapes of the speed issue, in report order.
pub const SHAPES: [&str; 12] = [
    "article",
    "one-long-line",
    "blank-lines",
    "unmatched-quotes",
    "nested-quotes",
    "one-word-blocks",
    "distinct-word-blocks",
    "repeated-block",
    "verbs-and-names",
    "quoted-verbs-and-names",
    "no-break-spaces",
    "zero-width-spaces",
];

/// The adversarial shape `name` (one of [`SHAPES`]), about `bytes` long; `None` for an
/// unknown name.
pub fn shape(name: &str, bytes: usize) -> Option<String> {
    let names = "Mayor Ann Lee said John Smith told reporters he added Mary Jones, the minister, \
                 said Kremlin spokesman Dmitry Peskov according to officials ";
    Some(match name {
        "article" => article_text(bytes),
        "one-long-line" => repeat_to("wordy text without any newline at all ", bytes),
        "blank-lines" => format!("Start.{}End.", "\n".repeat(bytes)),
        "unmatched-quotes" => repeat_to("\"open ", bytes),
        "nested-quotes" => {
            let depth = 1000;
            let unit = format!(
                "{}core{}\n\n",
                "“a ‘b ".repeat(depth / 2),
                "’ c” d".repeat(depth / 2)
            );
            repeat_to(&unit, bytes)
        }
        "one-word-blocks" => repeat_to("word\n\n", bytes),
        // The same, but no block repeats another, so that no block can take an earlier
        // copy's reading: every one is read, and every one has its own record.
        "distinct-word-blocks" => distinct_words(bytes),
        "repeated-block" => repeat_to(
            "The same paragraph of text appears here again and again, as a broken scraper would produce it.\n\n",
            bytes,
        ),
        "verbs-and-names" => repeat_to(names, bytes),
        "quoted-verbs-and-names" => repeat_to(
            "\"We will win,\" said Mayor Ann Lee. He said \"yes\" ",
            bytes,
        ),
        // The article's text with every space a no-break space (U+00A0, two bytes): every
        // word one edit of the folded copy's offset map.
        "no-break-spaces" => article_text(bytes).replace(' ', "\u{A0}"),
        // The article's text with a zero-width space (U+200B, three bytes) after every
        // space: every word one deletion of the folded copy's offset map.
        "zero-width-spaces" => article_text(bytes).replace(' ', " \u{200B}"),
        _ => return None,
    })
}

/// Every adversarial shape, each about `bytes` long.
pub fn adversarial(bytes: usize) -> Vec<(&'static str, String)> {
    SHAPES
        .iter()
        .filter_map(|&name| Some((name, shape(name, bytes)?)))
        .collect()
}
