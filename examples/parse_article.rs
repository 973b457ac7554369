//! Parse one article and print its parts.
//!
//! `cargo run --example parse_article -- [FILE]` (defaults to the bundled sample).
#![allow(clippy::print_stdout)]

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/sample-harbour.txt"
        )
        .into()
    });
    let bytes = std::fs::read(&path)?;
    let article = copydesk::parse_bytes(&bytes)?;

    if let Some(h) = &article.headline {
        println!(
            "headline: {} (bytes {}..{})",
            h.text, h.span.start, h.span.end
        );
    }
    if let Some(d) = &article.dek {
        println!("dek:      {}", d.text);
    }
    for b in &article.bylines {
        println!("byline:   {}", b.text);
    }
    for c in &article.credits {
        println!("credit:   {}", c.text);
    }
    println!(
        "body:     {} paragraphs, {} subheads",
        article.paragraphs().count(),
        article.subheads().count()
    );
    for q in article.quotes() {
        match &q.attribution {
            Some(a) => println!(
                "quote:    {:?} — {} ({:?})",
                q.text, a.speaker, a.resolution
            ),
            None => println!("quote:    {:?} — unattributed", q.text),
        }
    }
    if let Some(r) = &article.related {
        let tags: Vec<&str> = r.tags().map(|t| t.as_str()).collect();
        println!("tags:     {}", tags.join(", "));
    }
    for b in &article.boilerplate {
        println!("set aside ({:?}): {}", b.reason, b.text);
    }
    Ok(())
}
