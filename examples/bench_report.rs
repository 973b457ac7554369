//! Speed and memory figures for the README, in one run:
//! whole-parse MB/s on one thread for each corpus, the same bytes through a memchr3 scan (the
//! reference: ratios survive noisy machines), allocations per article, and the adversarial
//! shapes at 1 MB and at `--max-mb` MB (default 100) with the ratio of time per byte.
//!
//! `cargo run --release --example bench_report [-- --max-mb N]`
#![allow(clippy::print_stdout, unsafe_code)]

#[path = "../benches/corpus.rs"]
mod corpus;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts allocations so the report can show allocations per article.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static ALLOC_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(layout.size(), Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(new_size, Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` over `texts` repeatedly for at least `min`; returns seconds per pass.
fn time_pass(texts: &[String], min: Duration, f: impl Fn(&str) -> usize) -> f64 {
    let mut passes = 0u32;
    let start = Instant::now();
    loop {
        let mut n = 0;
        for t in texts {
            n += f(black_box(t));
        }
        black_box(n);
        passes += 1;
        if start.elapsed() >= min {
            break;
        }
    }
    start.elapsed().as_secs_f64() / f64::from(passes)
}

fn memchr3_scan(text: &str) -> usize {
    memchr::memchr3_iter(b'\n', b'"', 0xE2, text.as_bytes()).count()
}

fn parse_len(text: &str) -> usize {
    copydesk::parse(text).map_or(0, |a| a.body.len() + a.quotes.len())
}

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / secs / 1e6
}

fn main() {
    let max_mb: usize = std::env::args()
        .skip_while(|a| a != "--max-mb")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let min = Duration::from_millis(1500);

    println!("## Real corpora (one thread)\n");
    println!("| corpus | texts | MB | parse MB/s | memchr3 MB/s | ratio | allocs/article | alloc KB/article |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for c in corpus::real() {
        let bytes = c.bytes();
        let parse = time_pass(&c.texts, min, parse_len);
        let scan = time_pass(&c.texts, min, memchr3_scan);
        let (a0, b0) = (ALLOCS.load(Relaxed), ALLOC_BYTES.load(Relaxed));
        for t in &c.texts {
            black_box(parse_len(t));
        }
        let allocs = (ALLOCS.load(Relaxed) - a0) as f64 / c.texts.len() as f64;
        let kb = (ALLOC_BYTES.load(Relaxed) - b0) as f64 / c.texts.len() as f64 / 1024.0;
        println!(
            "| {} | {} | {:.2} | {:.0} | {:.0} | 1/{:.1} | {:.1} | {:.1} |",
            c.name,
            c.texts.len(),
            bytes as f64 / 1e6,
            mbps(bytes, parse),
            mbps(bytes, scan),
            parse.max(f64::MIN_POSITIVE) / scan.max(f64::MIN_POSITIVE),
            allocs,
            kb
        );
    }

    println!("\n## Adversarial shapes (one thread): 1 MB vs {max_mb} MB\n");
    println!(
        "| shape | MB/s at 1 MB | MB/s at {max_mb} MB | time/byte ratio ({max_mb} MB / 1 MB) |"
    );
    println!("| --- | --- | --- | --- |");
    // One shape at a time, so the others' texts don't sit in memory while it runs; the big
    // text runs twice and the faster pass counts (the first also pays for warming up).
    for name in corpus::SHAPES {
        let (Some(s), Some(b)) = (
            corpus::shape(name, 1 << 20),
            corpus::shape(name, max_mb << 20),
        ) else {
            continue;
        };
        let ts = time_pass(
            std::slice::from_ref(&s),
            Duration::from_millis(500),
            parse_len,
        );
        let big = std::slice::from_ref(&b);
        let tb = time_pass(big, Duration::from_millis(1), parse_len).min(time_pass(
            big,
            Duration::from_millis(1),
            parse_len,
        ));
        let (rs, rb) = (ts / s.len() as f64, tb / b.len() as f64);
        println!(
            "| {name} | {:.0} | {:.0} | {:.2} |",
            mbps(s.len(), ts),
            mbps(b.len(), tb),
            rb / rs
        );
    }
}
