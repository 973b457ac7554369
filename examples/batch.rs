//! Parse many articles on all cores with a shared `Parser`, keeping input order.
//!
//! `cargo run --release --example batch -- FILE.jsonl` where each line is
//! `{"id": …, "text": "…"}`; prints one summary line per record.
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: batch FILE.jsonl")?;
    let texts: Vec<String> = BufReader::new(std::fs::File::open(path)?)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line).ok()?;
            Some(v.get("text")?.as_str()?.to_owned())
        })
        .collect();

    let parser = copydesk::Parser::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = texts.len().div_ceil(threads).max(1);
    let summaries: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                let parser = &parser;
                s.spawn(move || {
                    part.iter()
                        .map(|t| summarize(parser, t))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (i, line) in summaries.iter().enumerate() {
        println!("{i}\t{line}");
    }
    Ok(())
}

fn summarize(parser: &copydesk::Parser, text: &str) -> String {
    match parser.parse(text) {
        Ok(a) => format!(
            "{}\t{} blocks\t{} quotes",
            a.headline.as_ref().map_or("(no headline)", |h| h.as_str()),
            a.body.len(),
            a.quotes.len()
        ),
        Err(e) => format!("error: {e}"),
    }
}
