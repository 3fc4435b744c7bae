//! The `check` pipeline: paths → documents → matches → findings, per file.
//!
//! Files are read and checked in parallel; each yields a [`FileReport`]
//! (findings, or the error that stopped it). Reports come back in the walk's
//! sorted order, so output is deterministic whatever the thread count.

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::diagnostic::Finding;
use crate::error::ScanError;
use crate::fix::{self, FixError, FixLevel};
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::matcher::Matcher;
use crate::normalize::{normalize, normalize_markup};
use crate::position::LineIndex;
use crate::rules::{self, Context, Rule, RuleSet};
use crate::scan::{self, Directive, Document, Format, Loaded, Walked};

/// What the pipeline needs besides the glossary.
pub struct CheckOptions {
    /// `--language`: overrides every document's language.
    pub language: Option<LangTag>,
    pub rules: RuleSet,
    /// `--no-ignore`: walk without .gitignore and friends.
    pub no_ignore: bool,
    /// `--fix` or `--diff`.
    pub fix: Option<FixMode>,
    /// `--no-inline-config`: ignore `termlint:` directives in documents.
    pub no_inline_config: bool,
    /// Files that are never documents besides the glossary: the baseline.
    pub not_documents: Vec<PathBuf>,
}

/// What to do with fixable findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Rewrite the files.
    Write(FixLevel),
    /// Print a unified diff and change nothing.
    Diff(FixLevel),
}

/// Fixing can make other fixes possible (an overlap resolved): fix and
/// re-check until nothing changes, at most this often.
const MAX_FIX_PASSES: usize = 10;

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileOutcome,
}

#[derive(Debug)]
pub enum FileOutcome {
    /// Checked. `text` is kept only when there are findings to show. With
    /// `--fix`, `findings` are those that remain in the written file; with
    /// `--diff`, `diff` is the change the fixes would make.
    Checked {
        findings: Vec<Finding>,
        text: String,
        fixed: usize,
        diff: Option<String>,
        /// Warnings about the document itself: directives that silenced nothing.
        notes: Vec<String>,
    },
    Binary,
    Failed(ScanError),
    /// Checked, but the fixed file could not be written: `findings` are
    /// those of the file as it still is.
    NotFixed {
        findings: Vec<Finding>,
        text: String,
        error: FixError,
    },
}

/// Every file's report, plus paths that could not be walked.
#[derive(Debug)]
pub struct Outcome {
    pub files: Vec<FileReport>,
    pub walk_errors: Vec<ScanError>,
}

/// Checks every file under `paths`.
pub fn check_paths(glossary: &Glossary, paths: &[PathBuf], options: &CheckOptions) -> Outcome {
    let glossary_path = std::fs::canonicalize(&glossary.path).ok();
    let skip: Vec<PathBuf> = glossary_path
        .iter()
        .cloned()
        .chain(
            options
                .not_documents
                .iter()
                .filter_map(|p| std::fs::canonicalize(p).ok()),
        )
        .collect();
    let (files, walk_errors) = scan::walk(paths, options.no_ignore, &skip);
    let matcher = Matcher::new(glossary);
    let home = glossary_path.as_deref().and_then(Path::parent);
    let files = files
        .par_iter()
        .filter_map(|f| {
            let rules = rules_for(glossary, home, &f.path, &options.rules)?;
            Some(check_file(glossary, &matcher, options, &rules, f))
        })
        .collect();
    Outcome { files, walk_errors }
}

/// The rules for a file after `[[ignore]]` (globs relative to the glossary's
/// folder), or `None` if the file is not to be checked at all.
fn rules_for(
    glossary: &Glossary,
    home: Option<&Path>,
    path: &Path,
    rules: &RuleSet,
) -> Option<RuleSet> {
    if glossary.ignores.is_empty() {
        return Some(rules.clone());
    }
    let canonical = std::fs::canonicalize(path).ok();
    let relative = home
        .zip(canonical.as_deref())
        .and_then(|(h, p)| p.strip_prefix(h).ok());
    match relative {
        Some(relative) => glossary
            .ignored_for(relative)
            .map(|off| rules.without(&off)),
        None => Some(rules.clone()),
    }
}

fn check_file(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    options: &CheckOptions,
    rules: &RuleSet,
    file: &Walked,
) -> FileReport {
    let language = scan::resolve_language(
        std::path::Path::new(&file.display),
        options.language.as_ref(),
        &glossary.default_language,
    );
    let outcome = match scan::read(&file.path, &file.display, language) {
        Ok(Loaded::Document(mut doc)) => {
            if let Some(forced) = &options.language {
                // SPEC §5: --language comes before what the format declares.
                doc.language = forced.clone();
                doc.segments.iter_mut().for_each(|s| s.language = None);
            }
            if options.no_inline_config {
                doc.inline_config = false;
                doc.directives.clear();
            }
            let (findings, unused) = check_document_full(glossary, matcher, rules, &doc);
            let mut notes = unused_notes(&doc, &unused);
            if options.fix.is_some() && doc.format == Format::Docx && !findings.is_empty() {
                notes.push(format!(
                    "{}: DOCX is read-only; its findings are reported, not fixed",
                    doc.path
                ));
            }
            let mut outcome = match options.fix {
                Some(mode) => fix_document(glossary, matcher, rules, file, doc, findings, mode),
                None => checked(findings, doc.text, 0, None),
            };
            if let FileOutcome::Checked { notes: n, .. } = &mut outcome {
                *n = notes;
            }
            outcome
        }
        Ok(Loaded::Binary) => FileOutcome::Binary,
        Err(e) => FileOutcome::Failed(e),
    };
    FileReport {
        path: file.display.clone(),
        outcome,
    }
}

fn checked(
    findings: Vec<Finding>,
    text: String,
    fixed: usize,
    diff: Option<String>,
) -> FileOutcome {
    let text = if findings.is_empty() {
        String::new()
    } else {
        text
    };
    FileOutcome::Checked {
        findings,
        text,
        fixed,
        diff,
        notes: Vec::new(),
    }
}

/// `path:line:col: …` for each directive that silenced nothing.
fn unused_notes(doc: &Document, unused: &[&Directive]) -> Vec<String> {
    if unused.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(&doc.text);
    unused
        .iter()
        .map(|d| {
            let p = index.position(d.at.start);
            let what = if d.names.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.names.join(", "))
            };
            format!(
                "{}:{}:{}: termlint directive{what} silenced nothing",
                doc.path, p.line, p.column
            )
        })
        .collect()
}

/// Applies fixes until none is left, then writes the file or makes a diff.
fn fix_document(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    rules: &RuleSet,
    file: &Walked,
    doc: Document,
    findings: Vec<Finding>,
    mode: FixMode,
) -> FileOutcome {
    let level = match mode {
        FixMode::Write(level) | FixMode::Diff(level) => level,
    };
    let before = doc.text.clone();
    let (current, remaining, fixed) =
        fix_until_done(glossary, matcher, rules, doc, findings.clone(), level);
    if fixed == 0 {
        return checked(remaining, current.text, 0, None);
    }
    match mode {
        FixMode::Diff(_) => {
            let diff = fix::unified_diff(&file.display, &before, &current.text);
            checked(findings, before, fixed, Some(diff))
        }
        FixMode::Write(_) => match fix::write_atomic(
            &file.path,
            &file.display,
            before.as_bytes(),
            current.text.as_bytes(),
        ) {
            Ok(()) => checked(remaining, current.text, fixed, None),
            Err(error) => FileOutcome::NotFixed {
                findings,
                text: before,
                error,
            },
        },
    }
}

/// Applies the fixes of `level` to `doc`, re-checking after each pass until
/// nothing fixable is left. Returns the fixed document, its findings, and how
/// many fixes were applied. Converging here is what makes a second `--fix`
/// change nothing.
pub fn fix_until_done(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    rules: &RuleSet,
    doc: Document,
    findings: Vec<Finding>,
    level: FixLevel,
) -> (Document, Vec<Finding>, usize) {
    let (mut current, mut remaining, mut fixed) = (doc, findings, 0);
    for _ in 0..MAX_FIX_PASSES {
        let edits = fix::plan(&current.text, &remaining, level);
        if edits.is_empty() {
            break;
        }
        let text = fix::apply(&current.text, &edits);
        // Edits only touch fixable text, so the format still parses; if it
        // did not, the last good text stands.
        let Ok(parsed) = scan::parse(current.format, &text) else {
            break;
        };
        fixed += edits.len();
        current.text = text;
        current.segments = parsed.segments;
        if current.inline_config {
            current.directives = parsed.directives;
        }
        remaining = check_document(glossary, matcher, rules, &current);
    }
    (current, remaining, fixed)
}

/// The findings for one document, sorted, after inline suppression.
pub fn check_document(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    rules: &RuleSet,
    doc: &Document,
) -> Vec<Finding> {
    check_document_full(glossary, matcher, rules, doc).0
}

/// The findings for one document, sorted, and the directives that silenced
/// nothing. Segments are checked in their own language (an XLIFF's sources
/// and targets apart); findings where the format forbids writing (XLIFF
/// sources) carry no fix.
pub fn check_document_full<'d>(
    glossary: &Glossary,
    matcher: &Matcher<'_>,
    rules: &RuleSet,
    doc: &'d Document,
) -> (Vec<Finding>, Vec<&'d Directive>) {
    let mut groups: Vec<(&LangTag, Vec<Range<usize>>)> = Vec::new();
    for segment in &doc.segments {
        let language = segment.language.as_ref().unwrap_or(&doc.language);
        match groups.iter_mut().find(|(l, _)| *l == language) {
            Some((_, ranges)) => ranges.push(segment.range.clone()),
            None => groups.push((language, vec![segment.range.clone()])),
        }
    }
    let mut findings = Vec::new();
    for (language, ranges) in &groups {
        let mut matches = Vec::new();
        for range in ranges {
            let segment = &doc.text[range.clone()];
            let normalized = if doc.format.is_markup() {
                normalize_markup(segment)
            } else {
                normalize(segment)
            };
            matches.extend(matcher.find(language, &normalized, range.start));
        }
        let mut ctx = Context::new(&doc.path, &doc.text, ranges, language, glossary, rules);
        ctx.markup = doc.format.is_markup();
        // The fuzzy index is built (once per language) only when near-miss runs.
        let fuzzy = rules
            .severity(Rule::NearMiss)
            .map(|_| matcher.fuzzy(language));
        rules::check_document(&mut ctx, &matches, fuzzy.as_deref());
        findings.extend(ctx.into_findings());
    }
    for f in &mut findings {
        if !doc.is_fixable(&f.range) {
            f.fix = None;
        }
        if let Some(fix) = f.fix.as_mut().filter(|_| doc.format.is_markup()) {
            fix.replacement = escape_markup(&fix.replacement);
        }
    }
    let mut used = vec![false; doc.directives.len()];
    findings.retain(|f| {
        let mut silenced = false;
        for (i, d) in doc.directives.iter().enumerate() {
            if d.covers(f.range.start, f.rule.code(), &f.term) {
                used[i] = true;
                silenced = true;
            }
        }
        !silenced
    });
    rules::sort(&mut findings);
    let unused = doc
        .directives
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(d, _)| d)
        .collect();
    (findings, unused)
}

/// A replacement written into markup: `&`, `<` and `>` as references.
fn escape_markup(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
