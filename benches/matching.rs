//! Matching cost against glossary size. Folding alone is measured in the same
//! run as the floor that matching adds to; the figures that matter are the
//! ratios (see BENCHMARKS.md), not absolute times.

mod data;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use termlint::check::check_document;
use termlint::lang::LangTag;
use termlint::matcher::Matcher;
use termlint::normalize::normalize;
use termlint::rules::{Rule, RuleSet};
use termlint::scan::Document;

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

/// The whole per-document pipeline (match, rules, findings) with near-miss
/// off and on, 25,000 synthetic terms: near-miss must keep at least half the
/// exact-only throughput (issue 3).
fn near_miss(c: &mut Criterion) {
    let text = data::corpus(1 << 20);
    let glossary = data::glossary(25_000);
    let matcher = Matcher::new(&glossary);
    let en = LangTag::parse("en").expect("tag");
    let doc = Document {
        path: "corpus.txt".to_owned(),
        format: termlint::scan::Format::Plain,
        segments: vec![termlint::scan::Segment::text(0..text.len())],
        directives: Vec::new(),
        inline_config: true,
        text,
        language: en.clone(),
    };
    let mut group = c.benchmark_group("pipeline-25k");
    group.throughput(Throughput::Bytes(doc.text.len() as u64));
    group.sample_size(20);
    for (name, ignore) in [
        ("exact only", vec![Rule::NearMiss]),
        ("with near-miss", vec![]),
    ] {
        let rules = RuleSet::new(&glossary, None, &ignore);
        // Build the automaton and the fuzzy index outside the timing.
        check_document(&glossary, &matcher, &rules, &doc);
        group.bench_function(name, |b| {
            b.iter(|| check_document(&glossary, &matcher, &rules, &doc).len());
        });
    }
    group.finish();
}

criterion_group!(benches, matching, near_miss);
criterion_main!(benches);
