//! Matching cost against glossary size. Folding alone is measured in the same
//! run as the floor that matching adds to; the figures that matter are the
//! ratios (see BENCHMARKS.md), not absolute times.

mod data;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use termlint::check::Checker;
use termlint::diagnostic::{Finding, Severity};
use termlint::glossary::{Glossary, RenderingKind};
use termlint::lang::LangTag;
use termlint::matcher::Matcher;
use termlint::normalize::normalize;
use termlint::position::Source;
use termlint::report::{render, Base, Format, Report, Summary};
use termlint::rules::{Rule, RuleSet};
use termlint::scan::Document;

fn matching(c: &mut Criterion) {
    let text = data::corpus(1 << 20);
    let en = LangTag::parse("en").expect("tag");
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    // What a copy of the folded text costs: the matcher no longer makes one.
    group.bench_function("fold only", |b| b.iter(|| normalize(&text).text.len()));
    for extra in [0, 1_000, 25_000] {
        let glossary = data::glossary(extra);
        let renderings = glossary.rendering_count();
        let matcher = Matcher::new(&glossary);
        // Build the automaton outside the timing: it is built once per run.
        matcher.find(&en, "warm up", 0, termlint::normalize::Syntax::Plain);
        group.bench_with_input(BenchmarkId::new("find", renderings), &text, |b, text| {
            b.iter(|| {
                matcher
                    .find(&en, text, 0, termlint::normalize::Syntax::Plain)
                    .len()
            });
        });
    }
    group.finish();
}

/// Finding the renderings of the issue-8 glossary (25,000 renderings, about
/// 250 per language) in 4 MiB of real text per language, one thread: the
/// matcher's throughput on each script. Needs `python3 benches/corpus.py`;
/// without it, says so and measures nothing.
#[allow(clippy::print_stderr)] // a bench has no other channel for "measured nothing"
fn languages(c: &mut Criterion) {
    let bench = std::path::Path::new("benches/data/bench");
    let Ok(text) = std::fs::read_to_string(bench.join("glossary-25000.toml")) else {
        eprintln!("languages: benches/data/bench is missing; run `python3 benches/corpus.py`");
        return;
    };
    let glossary = Glossary::from_str(&text, &bench.join("glossary-25000.toml")).expect("glossary");
    let matcher = Matcher::new(&glossary);
    let mut group = c.benchmark_group("languages");
    group.sample_size(10);
    for language in ["en", "de", "vi", "ru", "ar", "hi", "ja", "ko"] {
        let text = data::language_text(&bench.join("corpus").join(language), 4 << 20);
        let tag = LangTag::parse(language).expect("tag");
        matcher.find(&tag, "warm up", 0, termlint::normalize::Syntax::Plain);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("find", language), &text, |b, text| {
            b.iter(|| {
                matcher
                    .find(&tag, text, 0, termlint::normalize::Syntax::Plain)
                    .len()
            });
        });
    }
    group.finish();
}

/// The whole per-document pipeline (match, rules, findings) with near-miss
/// off and on, 25,000 synthetic terms: near-miss must keep at least half the
/// exact-only throughput (issue 3).
fn near_miss(c: &mut Criterion) {
    let text = data::corpus(1 << 20);
    let glossary = data::glossary(25_000);
    let en = LangTag::parse("en").expect("tag");
    let doc = Document {
        charset: None,
        path: "corpus.txt".to_owned(),
        format: termlint::scan::Format::Plain,
        segments: vec![termlint::scan::Segment::text(0..text.len())],
        directives: Vec::new(),
        inline_config: true,
        declared: false,
        unfinished: Vec::new(),
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
        let checker = Checker::with_rules(&glossary, RuleSet::new(&glossary, None, &ignore));
        // Build the automaton and the fuzzy index outside the timing.
        checker.check_document(&doc);
        group.bench_function(name, |b| {
            b.iter(|| checker.check_document(&doc).len());
        });
    }
    group.finish();
}

/// The stages the issue-8 corpus does not separate: loading and compiling
/// the glossary (the pycountry glossary of `benches/corpus.py` when it has
/// been generated, else 30,000 synthetic terms), and rendering JSON.
fn stages(c: &mut Criterion) {
    let generated = std::path::Path::new("benches/data/bench/glossary-all.toml");
    let (text, path) = match std::fs::read_to_string(generated) {
        Ok(text) => (text, generated.to_path_buf()),
        Err(_) => (data::glossary_text(30_000), "synthetic.toml".into()),
    };
    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    let glossary = Glossary::from_str(&text, &path).expect("glossary");
    let renderings = glossary.rendering_count();
    group.bench_function(BenchmarkId::new("glossary load", renderings), |b| {
        b.iter(|| Glossary::from_str(&text, &path).map(|g| g.terms.len()));
    });
    // The target is for 30,749 renderings.
    let subset = std::path::Path::new("benches/data/bench/glossary-30749.toml");
    if let Ok(text) = std::fs::read_to_string(subset) {
        let renderings = Glossary::from_str(&text, subset)
            .expect("glossary")
            .rendering_count();
        group.bench_function(BenchmarkId::new("glossary load", renderings), |b| {
            b.iter(|| Glossary::from_str(&text, subset).map(|g| g.terms.len()));
        });
    }
    let languages: Vec<LangTag> = glossary.languages().into_iter().cloned().collect();
    group.bench_function(
        BenchmarkId::new("matcher build, every language", renderings),
        |b| {
            b.iter(|| {
                let m = Matcher::new(&glossary);
                languages
                    .iter()
                    .map(|l| {
                        m.find(l, "warm up", 0, termlint::normalize::Syntax::Plain)
                            .len()
                    })
                    .sum::<usize>()
            });
        },
    );
    let en = LangTag::parse("en").expect("tag");
    group.bench_function(
        BenchmarkId::new("matcher build, one language", renderings),
        |b| {
            b.iter(|| {
                Matcher::new(&glossary)
                    .find(&en, "warm up", 0, termlint::normalize::Syntax::Plain)
                    .len()
            });
        },
    );

    // JSON for a document where every tenth word is a forbidden name.
    let synthetic = data::glossary(1_000);
    let forbidden: Vec<&str> = synthetic
        .terms
        .iter()
        .flat_map(|t| &t.renderings)
        .filter(|r| r.kind == RenderingKind::Forbidden && r.language.as_str() == "en")
        .map(|r| r.text.as_str())
        .take(200)
        .collect();
    let mut dense = String::new();
    for i in 0..20_000 {
        dense.push_str(if i % 10 == 0 {
            forbidden[i % forbidden.len()]
        } else {
            "word"
        });
        dense.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    let doc = Document {
        charset: None,
        path: "dense.txt".to_owned(),
        format: termlint::scan::Format::Plain,
        segments: vec![termlint::scan::Segment::text(0..dense.len())],
        directives: Vec::new(),
        inline_config: true,
        declared: false,
        unfinished: Vec::new(),
        text: dense,
        language: en.clone(),
    };
    let checker = Checker::with_rules(&synthetic, RuleSet::new(&synthetic, None, &[]));
    let mut findings = checker.check_document(&doc);
    // Make them errors for a stable count whatever the synthetic renderings.
    findings
        .iter_mut()
        .for_each(|f| f.severity = Severity::Error);
    let refs: Vec<&Finding> = findings.iter().collect();
    let source = Source::lines_of(&doc.text, findings.iter().map(|f| f.range.clone()));
    let report = Report {
        summary: Summary::count(&refs, 1, 0),
        findings: refs,
        sources: std::iter::once((doc.path.as_str(), &source)).collect(),
        base: Base::default(),
        notes: Vec::new(),
    };
    group.throughput(Throughput::Elements(findings.len() as u64));
    group.bench_function(
        BenchmarkId::new("json render, findings", findings.len()),
        |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(1 << 20);
                render(Format::Json, &report, false, &mut out).expect("render");
                out.len()
            });
        },
    );
    group.finish();
}

criterion_group!(benches, matching, languages, near_miss, stages);
criterion_main!(benches);
