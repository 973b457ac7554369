//! Criterion benches (filled in by the speed work).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn seed(c: &mut Criterion) {
    let text = include_str!("../tests/golden/seed-aljazeera.txt");
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("seed", |b| b.iter(|| copydesk::parse(black_box(text))));
    g.finish();
}

criterion_group!(benches, seed);
criterion_main!(benches);
