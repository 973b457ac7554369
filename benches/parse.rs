//! Criterion benches: the whole parse and each stage on real corpora, a memchr3 reference
//! scan over the same bytes, and scaling groups of adversarial shapes.
//!
//! `cargo bench --bench parse` (all), `cargo bench --bench parse -- scaling` (one group).

// `criterion_group!` generates undocumented functions.
#![allow(missing_docs)]

#[path = "corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// A stage to bench: its name and a function that runs it on a text.
type Stage = (&'static str, fn(&str) -> usize);

fn memchr3_scan(text: &str) -> usize {
    memchr::memchr3_iter(b'\n', b'"', 0xE2, text.as_bytes()).count()
}

fn real_corpora(c: &mut Criterion) {
    for corpus in corpus::real() {
        // Sanity check outside the timed loop.
        let parsed = corpus
            .texts
            .iter()
            .filter(|t| copydesk::parse(t).is_ok())
            .count();
        assert!(parsed > 0, "{}: nothing parsed", corpus.name);
        let mut g = c.benchmark_group(corpus.name);
        g.throughput(Throughput::Bytes(corpus.bytes() as u64));
        g.sample_size(20);
        g.bench_function("memchr3", |b| {
            b.iter(|| {
                corpus
                    .texts
                    .iter()
                    .map(|t| memchr3_scan(black_box(t)))
                    .sum::<usize>()
            })
        });
        let stages: [Stage; 6] = [
            ("normalize", copydesk::stages::normalize),
            ("segment", copydesk::stages::segment),
            ("classify", copydesk::stages::classify),
            ("quotes", copydesk::stages::quotes),
            ("attribution", copydesk::stages::attribution),
            ("parse", |t| copydesk::parse(t).map_or(0, |a| a.body.len())),
        ];
        for (name, f) in stages {
            g.bench_function(name, |b| {
                b.iter(|| corpus.texts.iter().map(|t| f(black_box(t))).sum::<usize>())
            });
        }
        g.finish();
    }
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for size in [1usize << 20, 10 << 20] {
        for (name, text) in corpus::adversarial(size) {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, size >> 20), &text, |b, t| {
                b.iter(|| copydesk::parse(black_box(t)).map_or(0, |a| a.body.len()))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, real_corpora, scaling);
criterion_main!(benches);
