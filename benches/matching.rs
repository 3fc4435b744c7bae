//! Matching cost against glossary size. Folding alone is measured in the same
//! run as the floor that matching adds to; the figures that matter are the
//! ratios (see BENCHMARKS.md), not absolute times.

mod data;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use termlint::lang::LangTag;
use termlint::matcher::Matcher;
use termlint::normalize::normalize;

fn matching(c: &mut Criterion) {
    let text = data::corpus(1 << 20);
    let en = LangTag::parse("en").expect("tag");
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("fold only", |b| b.iter(|| normalize(&text).text.len()));
    let folded = normalize(&text);
    let full = data::glossary(25_000);
    let full_matcher = Matcher::new(&full);
    full_matcher.find(&en, &folded, 0);
    group.bench_function("find only (25k, pre-folded)", |b| {
        b.iter(|| full_matcher.find(&en, &folded, 0).len());
    });
    for extra in [0, 1_000, 25_000] {
        let glossary = data::glossary(extra);
        let renderings = glossary.rendering_count();
        let matcher = Matcher::new(&glossary);
        // Build the automaton outside the timing: it is built once per run.
        matcher.find(&en, &normalize("warm up"), 0);
        group.bench_with_input(
            BenchmarkId::new("fold+find", renderings),
            &text,
            |b, text| {
                b.iter(|| matcher.find(&en, &normalize(text), 0).len());
            },
        );
    }
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
