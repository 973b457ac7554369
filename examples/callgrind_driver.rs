//! A small driver for instruction counts and output checks, for the speed work.
//!
//! * `callgrind_driver CORPUS [PASSES]` parses a corpus `PASSES` times (default 1) with
//!   `copydesk::parse` and nothing else, so that
//!   `valgrind --tool=callgrind target/release/examples/callgrind_driver seed` counts the
//!   parse (run it with `PASSES` = 0 to count the corpus loading alone). `CORPUS` is `seed`,
//!   `web`, `quotes`, or an adversarial shape as `NAME:MB` (`one-long-line:1`).
//! * `callgrind_driver CORPUS PASSES each` parses every text `PASSES` times in a row instead:
//!   the same instructions, but from the second time on the CPU's branch predictor has
//!   learnt the text, so the time against the default order (each text once per pass over a
//!   corpus of different texts) shows what mispredicted branches cost
//!   (`time callgrind_driver web 20` against `time callgrind_driver web 20 each`).
//! * `callgrind_driver dump` prints the JSON of `parse` and of `Parser::quotes` for every
//!   text of the bench corpora, re-wrapped at 72 columns, with one line per block, and for
//!   every adversarial shape at 20 KB: diff two dumps to check that a change keeps the
//!   output byte for byte.
//! * `callgrind_driver text NAME:MB` prints the adversarial shape `NAME` at `MB` MB, to time
//!   the command line on it (`copydesk parse FILE`).
//!
//! `cargo build --release --example callgrind_driver`; the corpora are read as by the benches
//! (`$COPYDESK_SHARED`, else `../shared`, else the repo's test data).
#![allow(clippy::print_stdout)]

#[path = "../benches/corpus.rs"]
mod corpus;

use std::hint::black_box;

/// `text` re-wrapped at `width` columns, paragraphs kept apart by blank lines.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let mut col = 0;
        for word in para.split_whitespace() {
            if col > 0 && col + 1 + word.len() > width {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += word.len();
        }
        out.push_str("\n\n");
    }
    out
}

fn dump() {
    let mut all = Vec::new();
    for c in corpus::real() {
        all.extend(c.texts);
    }
    let wrapped: Vec<String> = all.iter().map(|t| wrap(t, 72)).collect();
    let lines: Vec<String> = all.iter().map(|t| t.replace("\n\n", "\n")).collect();
    all.extend(wrapped);
    all.extend(lines);
    all.extend(corpus::adversarial(20_000).into_iter().map(|(_, t)| t));
    let parser = copydesk::Parser::default();
    for t in &all {
        match copydesk::parse(t) {
            Ok(a) => println!("{}", serde_json::to_string(&a).unwrap_or_default()),
            Err(e) => println!("error: {e}"),
        }
        match parser.quotes(t) {
            Ok(q) => println!("{}", serde_json::to_string(&q).unwrap_or_default()),
            Err(e) => println!("error: {e}"),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map_or("seed", String::as_str);
    let texts: Vec<String> = match which {
        "dump" => return dump(),
        "text" => {
            let arg = args.get(2).map_or("", String::as_str);
            let (name, mb) = arg.split_once(':').unwrap_or((arg, "1"));
            let bytes = mb.parse::<usize>().unwrap_or(1) << 20;
            if let Some(text) = corpus::shape(name, bytes) {
                // Written, not printed: a reader that stops early (`| head`) closes the
                // pipe, which `print!` reports by panicking.
                use std::io::Write;
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            } else {
                eprintln!("no shape {name:?}; the shapes are {:?}", corpus::SHAPES);
            }
            return;
        }
        "seed" => corpus::seed_variants().texts,
        "web" => corpus::web_pages().texts,
        "quotes" => corpus::quote_paragraphs().texts,
        shape => {
            let (name, mb) = shape.split_once(':').unwrap_or((shape, "1"));
            let bytes = mb.parse::<usize>().unwrap_or(1) << 20;
            corpus::shape(name, bytes).into_iter().collect()
        }
    };
    let passes: usize = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(1);
    let bytes: usize = texts.iter().map(String::len).sum();
    // `each`: every text `PASSES` times in a row, rather than the corpus `PASSES` times.
    let each = args.get(3).is_some_and(|a| a == "each");
    let (outer, inner) = if each { (1, passes) } else { (passes, 1) };
    let mut n = 0;
    for _ in 0..outer {
        for t in &texts {
            for _ in 0..inner {
                n += copydesk::parse(black_box(t)).map_or(0, |a| a.body.len() + a.quotes.len());
            }
        }
    }
    eprintln!(
        "{which}: {} texts, {bytes} bytes, {passes} passes, {n} elements",
        texts.len()
    );
}
