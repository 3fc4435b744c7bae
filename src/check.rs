//! The `check` pipeline: paths → documents → matches → findings, per file.
//!
//! Files are read and checked in parallel; each yields a [`FileReport`]
//! (findings, or the error that stopped it). Reports come back in the walk's
//! sorted order, so output is deterministic whatever the thread count.

use std::path::PathBuf;

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::diagnostic::Finding;
use crate::error::ScanError;
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::matcher::Matcher;
use crate::normalize::normalize;
use crate::rules::{self, Context, Rule, RuleSet};
use crate::scan::{self, Document, Loaded, Walked};

/// What the pipeline needs besides the glossary.
pub struct CheckOptions {
    /// `--language`: overrides every document's language.
    pub language: Option<LangTag>,
    pub rules: RuleSet,
    /// `--no-ignore`: walk without .gitignore and friends.
    pub no_ignore: bool,
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileOutcome,
}

#[derive(Debug)]
pub enum FileOutcome {
    /// Checked. `text` is kept only when there are findings to show.
    Checked {
        findings: Vec<Finding>,
        text: String,
    },
    Binary,
    Failed(ScanError),
}

/// Every file's report, plus paths that could not be walked.
#[derive(Debug)]
pub struct Outcome {
    pub files: Vec<FileReport>,
    pub walk_errors: Vec<ScanError>,
}

/// Checks every file under `paths`.
pub fn check_paths(glossary: &Glossary, paths: &[PathBuf], options: &CheckOptions) -> Outcome {
    let skip = std::fs::canonicalize(&glossary.path).ok();
    let (files, walk_errors) = scan::walk(paths, options.no_ignore, skip.as_deref());
    let matcher = Matcher::new(glossary);
    let files = files
        .par_iter()
        .map(|f| check_file(glossary, &matcher, options, f))
        .collect();
    Outcome { files, walk_errors }
}

fn check_file(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    options: &CheckOptions,
    file: &Walked,
) -> FileReport {
    let language = scan::resolve_language(
        std::path::Path::new(&file.display),
        options.language.as_ref(),
        &glossary.default_language,
    );
    let outcome = match scan::read(&file.path, &file.display, language) {
        Ok(Loaded::Document(doc)) => {
            let findings = check_document(glossary, matcher, &options.rules, &doc);
            let text = if findings.is_empty() {
                String::new()
            } else {
                doc.text
            };
            FileOutcome::Checked { findings, text }
        }
        Ok(Loaded::Binary) => FileOutcome::Binary,
        Err(e) => FileOutcome::Failed(e),
    };
    FileReport {
        path: file.display.clone(),
        outcome,
    }
}

/// The findings for one document, sorted.
pub fn check_document(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    rules: &RuleSet,
    doc: &Document,
) -> Vec<Finding> {
    let mut matches = Vec::new();
    for segment in &doc.segments {
        let normalized = normalize(&doc.text[segment.clone()]);
        matches.extend(matcher.find(&doc.language, &normalized, segment.start));
    }
    let mut ctx = Context::new(
        &doc.path,
        &doc.text,
        &doc.segments,
        &doc.language,
        glossary,
        rules,
    );
    // The fuzzy index is built (once per language) only when near-miss runs.
    let fuzzy = rules
        .severity(Rule::NearMiss)
        .map(|_| matcher.fuzzy(&doc.language));
    rules::check_document(&mut ctx, &matches, fuzzy.as_deref());
    let mut findings = ctx.into_findings();
    rules::sort(&mut findings);
    findings
}
