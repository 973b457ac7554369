//! Speed and memory figures for the README, in one run:
//! whole-parse MB/s on one thread for each corpus, the same bytes through a memchr3 scan (the
//! reference: ratios survive noisy machines), allocations per article, the parse's MB/s with
//! each text run 8 times in a row ("trained": the branch predictor has learnt the text, so
//! the gap to the first figure is the cost of mispredicted branches), and the adversarial
//! shapes at 1 MB and at `--max-mb` MB (default 100) with the ratio of time per byte.
//!
//! For each shape it also gives the peak of live heap bytes per input byte (from the
//! counting allocator) and, on Linux, the minor page faults per MB of input: glibc maps every
//! allocation over 32 MB afresh, so at 100 MB each big per-element list costs the kernel a
//! zeroed page per 4 KB on every parse, which is most of what makes an element-dense shape
//! slower per byte at 100 MB than at 1 MB. With `--huge-pages` the report runs on another
//! allocator (`benches/huge_pages.rs`: every block of 4 MiB or more a mapping of its own, on
//! huge pages), which takes most of those faults away and shows what is left of the ratio.
//!
//! `cargo run --release --example bench_report [-- --max-mb N] [--shapes-only] [--real-only]
//! [--shape NAME] [--huge-pages]`
#![allow(clippy::print_stdout, unsafe_code)]

#[path = "../benches/corpus.rs"]
mod corpus;
#[path = "../benches/huge_pages.rs"]
mod huge_pages;

use huge_pages::HugePages;
use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts allocations so the report can show allocations per article; the blocks come from
/// [`UNDER`].
struct Counting;

/// The allocator under the counting one: the system allocator, or with `--huge-pages` large
/// blocks in mappings of their own, on huge pages.
static UNDER: HugePages = HugePages::new(false);

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static ALLOC_BYTES: AtomicUsize = AtomicUsize::new(0);
/// Heap bytes live now, and the most live since [`reset_peak`].
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
}

fn shrink(by: usize) {
    LIVE.fetch_sub(by, Relaxed);
}

/// Starts a new peak from what is live now.
fn reset_peak() -> usize {
    let live = LIVE.load(Relaxed);
    PEAK.store(live, Relaxed);
    live
}

// SAFETY: delegates to `UNDER` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(layout.size(), Relaxed);
        grow(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { UNDER.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(layout.size(), Relaxed);
        grow(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { UNDER.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { UNDER.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOC_BYTES.fetch_add(new_size, Relaxed);
        grow(new_size);
        shrink(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { UNDER.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` over `texts` repeatedly for at least `min`; returns seconds per pass.
fn time_pass(texts: &[String], min: Duration, f: impl Fn(&str) -> usize) -> f64 {
    time_runs(texts, min, 1, f)
}

/// [`time_pass`] with each text run [`TRAINED_RUNS`] times in a row: from the second run on,
/// the CPU's branch predictor has learnt the text, so the time per pass against
/// [`time_pass`]'s (each text once, between different ones) shows what mispredicted branches
/// cost on the corpus.
fn time_trained(texts: &[String], min: Duration, f: impl Fn(&str) -> usize) -> f64 {
    time_runs(texts, min, TRAINED_RUNS, f)
}

/// How many times in a row [`time_trained`] runs each text.
const TRAINED_RUNS: u32 = 8;

/// Runs `f` over `texts`, each text `runs` times in a row, repeatedly for at least `min`;
/// returns seconds per pass over the texts.
fn time_runs(texts: &[String], min: Duration, runs: u32, f: impl Fn(&str) -> usize) -> f64 {
    let mut passes = 0u32;
    let start = Instant::now();
    loop {
        let mut n = 0;
        for t in texts {
            for _ in 0..runs {
                n += f(black_box(t));
            }
        }
        black_box(n);
        passes += runs;
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

/// Minor page faults of this process so far (Linux: field 10 of `/proc/self/stat`).
fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, field 2, is in parentheses and may hold spaces: count after it.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(7)?.parse().ok()
}

/// Peak live heap bytes over what was live before, and minor page faults, of one parse.
fn footprint(text: &str) -> (usize, Option<u64>) {
    let faults = minor_faults();
    let live = reset_peak();
    black_box(parse_len(black_box(text)));
    let after = minor_faults();
    (
        PEAK.load(Relaxed).saturating_sub(live),
        faults.zip(after).map(|(a, b)| b - a),
    )
}

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / secs / 1e6
}

fn main() {
    if std::env::args_os().any(|a| a == "--huge-pages") {
        // SAFETY: nothing is allocated yet but the arguments, far below `LARGE`.
        unsafe { UNDER.switch_on() };
    }
    let max_mb: usize = std::env::args()
        .skip_while(|a| a != "--max-mb")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let shapes_only = std::env::args().any(|a| a == "--shapes-only");
    let only_shape = std::env::args().skip_while(|a| a != "--shape").nth(1);
    let min = Duration::from_millis(1500);
    if !shapes_only && only_shape.is_none() {
        real_corpora(min);
    }
    if !std::env::args().any(|a| a == "--real-only") {
        shapes(max_mb, only_shape.as_deref());
    }
}

/// The table of the real corpora.
fn real_corpora(min: Duration) {
    println!("## Real corpora (one thread)\n");
    println!("| corpus | texts | MB | parse MB/s | memchr3 MB/s | ratio | allocs/article | alloc KB/article | trained MB/s | time saved trained |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for c in corpus::real() {
        let bytes = c.bytes();
        let parse = time_pass(&c.texts, min, parse_len);
        let trained = time_trained(&c.texts, min, parse_len);
        let scan = time_pass(&c.texts, min, memchr3_scan);
        let (a0, b0) = (ALLOCS.load(Relaxed), ALLOC_BYTES.load(Relaxed));
        for t in &c.texts {
            black_box(parse_len(t));
        }
        let allocs = (ALLOCS.load(Relaxed) - a0) as f64 / c.texts.len() as f64;
        let kb = (ALLOC_BYTES.load(Relaxed) - b0) as f64 / c.texts.len() as f64 / 1024.0;
        println!(
            "| {} | {} | {:.2} | {:.0} | {:.0} | 1/{:.1} | {:.1} | {:.1} | {:.0} | {:.0}% |",
            c.name,
            c.texts.len(),
            bytes as f64 / 1e6,
            mbps(bytes, parse),
            mbps(bytes, scan),
            parse.max(f64::MIN_POSITIVE) / scan.max(f64::MIN_POSITIVE),
            allocs,
            kb,
            mbps(bytes, trained),
            100.0 * (1.0 - trained / parse.max(f64::MIN_POSITIVE)).max(0.0)
        );
    }
}

/// The table of the adversarial shapes (all, or the one named), at 1 MB and `max_mb` MB.
fn shapes(max_mb: usize, only: Option<&str>) {
    println!("\n## Adversarial shapes (one thread): 1 MB vs {max_mb} MB\n");
    println!(
        "| shape | MB/s at 1 MB | MB/s at {max_mb} MB | time/byte ratio ({max_mb} MB / 1 MB) \
         | peak heap / input bytes (1 MB, {max_mb} MB) | page faults per MB (1 MB, {max_mb} MB) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    // One shape at a time, so the others' texts don't sit in memory while it runs; the big
    // text runs twice and the faster pass counts (the first also pays for warming up).
    for name in corpus::SHAPES
        .iter()
        .filter(|&&n| only.is_none_or(|o| o == n))
    {
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
        let ((heap_s, faults_s), (heap_b, faults_b)) = (footprint(&s), footprint(&b));
        let per_mb = |faults: Option<u64>, len: usize| {
            faults.map_or("n/a".to_string(), |f| {
                format!("{:.0}", f as f64 / (len as f64 / 1e6))
            })
        };
        println!(
            "| {name} | {:.0} | {:.0} | {:.2} | {:.1}, {:.1} | {}, {} |",
            mbps(s.len(), ts),
            mbps(b.len(), tb),
            rb / rs,
            heap_s as f64 / s.len() as f64,
            heap_b as f64 / b.len() as f64,
            per_mb(faults_s, s.len()),
            per_mb(faults_b, b.len()),
        );
    }
}
