//! The `check` pipeline: paths → documents → matches → findings, per file.
//!
//! Files are read and checked in parallel; each yields a [`FileReport`]
//! (findings, or the error that stopped it). Reports come back in the walk's
//! sorted order, so output is deterministic whatever the thread count.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

mod memory;

use memory::MEMORY_WINDOW;

use crate::diagnostic::{Detail, Finding};
use crate::error::ScanError;
use crate::fix::{self, FixError, FixLevel};
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::matcher::boundary::is_whole_word;
use crate::matcher::{InLanguage, Matcher, TermMatch};
use crate::normalize::Syntax;
use crate::position::{LineIndex, Source};
use crate::rules::{self, Context, Rule, RuleSet};
use crate::scan::{self, Directive, Document, Format, Loaded, Walked};

/// The pipeline's state for one run, owned in one place: the glossary, the
/// matcher built from it (its per-language automata and near-miss indexes
/// are built once, however many rounds `--fix` takes), and the settings.
/// Every round, file, document and fix pass borrows it.
pub struct Checker<'g> {
    glossary: &'g Glossary,
    matcher: Matcher<'g>,
    options: CheckOptions,
}

impl<'g> Checker<'g> {
    /// A checker for a run of the tool: near-miss reads the Hunspell
    /// dictionaries found in `options.dictionary_search`.
    pub fn new(glossary: &'g Glossary, options: CheckOptions) -> Self {
        Checker {
            glossary,
            matcher: Matcher::remembering(
                glossary,
                options.dictionary_search.clone(),
                options.dictionary_cache.clone(),
            ),
            options,
        }
    }

    /// `new`, going on with what an earlier checker built from the same
    /// glossary ([`crate::matcher::Built`]): the language server checks at
    /// every change and compiles its glossary once. The dictionaries are
    /// those `built` found.
    pub fn reusing(
        glossary: &'g Glossary,
        options: CheckOptions,
        built: std::sync::Arc<crate::matcher::Built>,
    ) -> Self {
        Checker {
            glossary,
            matcher: Matcher::reusing(glossary, built),
            options,
        }
    }

    /// A checker that runs `rules` with every other setting at its default
    /// and no dictionary: results that do not depend on the machine (tests,
    /// benchmarks, `suggest`'s near-misses).
    pub fn with_rules(glossary: &'g Glossary, rules: RuleSet) -> Self {
        Checker::new(glossary, CheckOptions::new(rules))
    }

    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    pub fn matcher(&self) -> &Matcher<'g> {
        &self.matcher
    }

    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Reads one walked file as a check reads it (language, charset,
    /// unfinished units), with the notes on how it was read; `None` for a
    /// binary file.
    pub fn read(
        &self,
        file: &Walked,
    ) -> Result<Option<(Document, Vec<String>)>, crate::error::ScanError> {
        read_document(self.glossary, &self.options, file)
    }

    /// `read`, of `text` as the file at `path` would hold it (an editor's
    /// unsaved buffer): its language and format come from `path`, below the
    /// glossary's folder, as for a file on disk.
    pub fn read_text(
        &self,
        path: &Path,
        text: String,
    ) -> Result<Option<(Document, Vec<String>)>, crate::error::ScanError> {
        let home = std::fs::canonicalize(&self.glossary.path)
            .ok()
            .and_then(|g| g.parent().map(Path::to_path_buf));
        let in_project = home
            .as_deref()
            .and_then(|h| path.strip_prefix(h).ok())
            .map_or_else(
                || path.file_name().map(PathBuf::from).unwrap_or_default(),
                Path::to_path_buf,
            );
        let file = Walked {
            display: scan::display_path(&in_project),
            path: path.to_path_buf(),
            in_project,
            explicit: true,
            stdin: false,
        };
        read_document_from(self.glossary, &self.options, &file, Some(text.into_bytes()))
    }
}

/// What the pipeline needs besides the glossary.
#[derive(Clone)]
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
    /// `--exclude`: files not checked, walked or named.
    pub exclude: Option<crate::globs::Globs>,
    /// `--include-state`: unfinished unit states checked anyway.
    pub include_states: Vec<&'static str>,
    /// Folders near-miss looks for Hunspell dictionaries in
    /// (`dictionary::standard_locations` for the tool; none for results
    /// that do not depend on the machine).
    pub dictionary_search: Vec<PathBuf>,
    /// Where the dictionaries' answers are kept from one run to the next
    /// (`dictionary::cache_location` for the tool, unless `--no-cache`;
    /// none for the language server, which keeps them loaded).
    pub dictionary_cache: Option<PathBuf>,
    /// A document read from standard input (`-`), checked with the others.
    pub stdin: Option<Stdin>,
    /// Unsaved editor buffers that stand for the files they name (the
    /// language server's open documents, names canonical): a set's
    /// sibling open in the editor is read as the editor has it.
    pub buffers: Vec<Stdin>,
    /// `--encoding`: the charset of files that are not UTF-8.
    pub encoding: Option<crate::encoding::Charset>,
}

impl CheckOptions {
    /// `rules`, with every other setting at its default: walk as git
    /// does, no fix, no dictionary.
    pub fn new(rules: RuleSet) -> Self {
        CheckOptions {
            language: None,
            rules,
            no_ignore: false,
            fix: None,
            no_inline_config: false,
            not_documents: Vec::new(),
            exclude: None,
            include_states: Vec::new(),
            dictionary_search: Vec::new(),
            dictionary_cache: None,
            stdin: None,
            buffers: Vec::new(),
            encoding: None,
        }
    }
}

/// Standard input, read once by the binary, and the file name it stands for
/// (`--stdin-filename`: its extension picks the format, its folders and
/// name the language and set).
#[derive(Debug, Clone)]
pub struct Stdin {
    pub name: PathBuf,
    pub bytes: std::sync::Arc<[u8]>,
}

/// What to do with fixable findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Rewrite the files.
    Write(FixLevel, fix::WriteOptions),
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
    /// Checked. `text` keeps the lines the findings are on, for the
    /// reporters (not the whole file: a run over a corpus where every file
    /// has findings would hold the corpus). With `--fix`, `findings` are
    /// those that remain in the written file; with `--diff`, `diff` is the
    /// change the fixes would make.
    Checked {
        findings: Vec<Finding>,
        text: Source,
        fixed: usize,
        diff: Option<String>,
        /// Warnings about the document itself: directives that silenced
        /// nothing, a language guessed against the text's script.
        notes: Vec<String>,
        /// How many of `notes` are directives that silenced nothing: they
        /// count as warnings for `--fail-on warning` and the summary.
        unused_directives: usize,
        /// What the set rules need, for documents in a set.
        set: Option<Box<SetData>>,
    },
    Binary,
    Failed(ScanError),
    /// Checked, but the fixed file could not be written: `findings` are
    /// those of the file as it still is.
    NotFixed {
        findings: Vec<Finding>,
        text: Source,
        error: FixError,
    },
}

/// A unit's source and target ranges.
type UnitSides<'r> = (&'r [Range<usize>], &'r [Range<usize>]);

/// `missing-translation` and `number-mismatch` between the source and target
/// of each unit of an XLIFF, PO or TMX document, in each target language (a
/// memory's unit holds a target per language).
// Kept whole: pairs each unit's source with its targets and runs the unit rules over runs of units
// in parallel; the pairing and the runs share one index.
fn check_units(
    glossary: &Glossary,
    rules: &RuleSet,
    doc: &Document,
    matches: &[Vec<TermMatch>],
) -> Vec<Finding> {
    // Each side's ranges in one vector, sorted by unit (and by language
    // first for targets), in document order within a unit: a 100,000-unit
    // catalogue kept a map node and a vector per unit, a fifth of its peak.
    let mut sources: Vec<(usize, Range<usize>)> = Vec::new();
    let mut targets: Vec<(&LangTag, usize, Range<usize>)> = Vec::new();
    for s in &doc.segments {
        match s.unit {
            Some((unit, false)) => sources.push((unit, s.range.clone())),
            Some((unit, true)) => {
                let language = s.language.as_ref().unwrap_or(&doc.language);
                targets.push((language, unit, s.range.clone()));
            }
            None => {}
        }
    }
    if targets.is_empty() {
        return Vec::new();
    }
    let source_language = doc
        .segments
        .iter()
        .find(|s| matches!(s.unit, Some((_, false))))
        .and_then(|s| s.language.as_ref());
    sources.sort_by_key(|(unit, _)| *unit);
    targets.sort_by(|(l, u, _), (m, v, _)| (l, u).cmp(&(m, v)));
    let (source_units, source_ranges): (Vec<usize>, Vec<Range<usize>>) =
        sources.into_iter().unzip();
    let source_of = |unit: usize| -> &[Range<usize>] {
        let from = source_units.partition_point(|&u| u < unit);
        let to = source_units.partition_point(|&u| u <= unit);
        &source_ranges[from..to]
    };
    let target_ranges: Vec<Range<usize>> = targets.iter().map(|(_, _, r)| r.clone()).collect();
    // Matches by start, so each unit finds its own by binary search: a
    // scan of every match per unit made a 100,000-unit file quadratic.
    let mut sorted: Vec<&TermMatch> = matches.iter().flatten().collect();
    sorted.sort_by_key(|m| m.range.start);
    let within = |ranges: &[Range<usize>]| -> Vec<TermMatch> {
        // A name across inline codes lies in the unit's whole segment.
        let mut found = Vec::new();
        for r in ranges {
            let from = sorted.partition_point(|m| m.range.start < r.start);
            found.extend(
                sorted[from..]
                    .iter()
                    .take_while(|m| m.range.start < r.end)
                    .filter(|m| m.range.end <= r.end)
                    .map(|m| (*m).clone()),
            );
        }
        found
    };
    // Numbers are read between tags, escapes and placeholders: neither
    // `<mrk mid="0">` nor `%1$s` states a number.
    let read = |ranges: &[Range<usize>]| doc.format.readable(&doc.text, ranges);
    let mut findings = Vec::new();
    let mut at = 0;
    while at < targets.len() {
        let language = targets[at].0;
        // This language's units: runs of targets of one unit.
        let mut units: Vec<UnitSides<'_>> = Vec::new();
        while at < targets.len() && targets[at].0 == language {
            let unit = targets[at].1;
            let end = at
                + targets[at..]
                    .iter()
                    .take_while(|(l, u, _)| *l == language && *u == unit)
                    .count();
            units.push((source_of(unit), &target_ranges[at..end]));
            at = end;
        }
        // The units of a run, each with its matches and its readable text.
        let check_run = |run: &[UnitSides<'_>]| -> Vec<Finding> {
            let found: Vec<[Vec<TermMatch>; 2]> =
                run.iter().map(|(s, t)| [within(s), within(t)]).collect();
            let read: Vec<[Vec<Range<usize>>; 2]> =
                run.iter().map(|(s, t)| [read(s), read(t)]).collect();
            let pairs: Vec<rules::Unit<'_>> = read
                .iter()
                .zip(&found)
                .map(|([s, t], [sm, tm])| rules::Unit {
                    source_language,
                    source: s,
                    source_matches: sm,
                    target: t,
                    target_matches: tm,
                })
                .collect();
            let mut ctx = Context::new(&doc.path, &doc.text, &[], language, glossary, rules);
            rules::run_units(&mut ctx, &pairs);
            ctx.into_findings()
        };
        // Each unit is checked on its own, so a catalogue's units are
        // checked on every core, in runs, their findings kept in order.
        if units.len() >= 2 * UNITS_PER_TASK {
            use rayon::prelude::{ParallelIterator, ParallelSlice};
            let runs: Vec<Vec<Finding>> = units.par_chunks(UNITS_PER_TASK).map(check_run).collect();
            findings.extend(runs.into_iter().flatten());
        } else {
            findings.extend(check_run(&units));
        }
    }
    findings
}

/// Adds the findings of a set or unit rule to a document's, one finding per
/// mistake (issue 22): a `cross-document` finding on a span that a rule
/// naming the error itself (forbidden, lookalike, case, near-miss) already
/// reports, or a `missing-translation` that a near-miss of the same term
/// explains (`near` says whether the near-miss is where the missing term
/// was looked for), becomes a related place of that finding instead.
fn absorb(
    findings: &mut Vec<Finding>,
    more: Vec<Finding>,
    near: impl Fn(&Finding, &Finding) -> bool,
) {
    for f in more {
        let explains = |g: &Finding| match f.rule {
            Rule::CrossDocument => {
                matches!(
                    g.rule,
                    Rule::Forbidden | Rule::Lookalike | Rule::Case | Rule::NearMiss
                ) && g.range.start < f.range.end
                    && f.range.start < g.range.end
            }
            Rule::MissingTranslation => {
                g.rule == Rule::NearMiss && g.term() == f.term() && near(&f, g)
            }
            _ => false,
        };
        match findings.iter_mut().find(|g| explains(g)) {
            Some(g) => g.relate(f.related().iter().cloned()),
            None => findings.push(f),
        }
    }
}

/// A set member's matches, kept for the set rules after every file is read.
#[derive(Debug)]
pub struct SetData {
    pub language: LangTag,
    pub matches: Vec<TermMatch>,
    /// The document's checked text in that language.
    pub segments: Vec<Range<usize>>,
    pub start: usize,
    pub rules: RuleSet,
    pub directives: Vec<Directive>,
    /// The document's text (also kept when it has no finding of its own).
    pub text: String,
    /// A bilingual file (PO, XLIFF, TMX), compared unit by unit only.
    pub bilingual: bool,
}

/// Every file's report, plus paths that could not be walked.
#[derive(Debug)]
pub struct Outcome {
    pub files: Vec<FileReport>,
    pub walk_errors: Vec<ScanError>,
    /// The sets found: name and indices into `files`.
    pub sets: Vec<(String, Vec<usize>)>,
    /// Files the walk passed over (not documents, links), and why.
    pub passed: Vec<(String, scan::Passed)>,
    /// Documents put back from the backup of a `--fix` that was killed.
    pub recovered: Vec<String>,
    /// Lines of documents read only for the set rules (siblings of files
    /// named one by one) that findings point to.
    pub sibling_sources: Vec<(String, Source)>,
    /// Every document read only for the set rules, as its path reads (the
    /// language server re-checks those open in the editor).
    pub siblings: Vec<String>,
    /// Notes about the run itself: a dictionary found but unreadable.
    pub notes: Vec<String>,
    /// The document languages near-miss looked words up for, and the
    /// dictionary it used for each (`None`: none found).
    pub dictionaries: Vec<(String, Option<String>)>,
}

impl Checker<'_> {
    /// Checks every file under `paths`.
    ///
    /// With `--fix`, the fixes of the set rules (`cross-document`) are known
    /// only once every member of a set is checked: they are written then, and
    /// the run is repeated so that what it reports is about the files as they
    /// now are (at most three times; each round fixes what the
    /// last one's set rules found).
    pub fn check_paths(&self, paths: &[PathBuf]) -> Outcome {
        let (glossary, options) = (self.glossary, &self.options);
        let evidence =
            glossary.near_miss_evidence && options.rules.severity(Rule::NearMiss).is_some();
        // Unsafe fixes include near-misses, which must not be written before
        // the run's evidence is in: a first round that writes nothing gathers
        // it.
        let unsafe_fixes = matches!(
            options.fix,
            Some(FixMode::Write(FixLevel::Unsafe, _) | FixMode::Diff(FixLevel::Unsafe))
        );
        let frequent = (evidence && unsafe_fixes).then(|| {
            let dry = CheckOptions {
                fix: None,
                ..options.clone()
            };
            let (outcome, _) = self.check_round(paths, &dry, None);
            frequent_spellings(&outcome)
        });
        let (mut outcome, mut written) = self.check_round(paths, options, frequent.as_ref());
        for _ in 1..MAX_SET_ROUNDS {
            if written == 0 {
                break;
            }
            let (mut next, more) = self.check_round(paths, options, frequent.as_ref());
            let earlier: std::collections::HashMap<&str, usize> = outcome
                .files
                .iter()
                .filter_map(|f| match &f.outcome {
                    FileOutcome::Checked { fixed, .. } if *fixed > 0 => {
                        Some((f.path.as_str(), *fixed))
                    }
                    _ => None,
                })
                .collect();
            for file in &mut next.files {
                if let FileOutcome::Checked { fixed, .. } = &mut file.outcome {
                    *fixed += earlier.get(file.path.as_str()).copied().unwrap_or(0);
                }
            }
            next.recovered.append(&mut outcome.recovered);
            outcome = next;
            written = more;
        }
        if evidence {
            let frequent = frequent.unwrap_or_else(|| frequent_spellings(&outcome));
            drop_frequent(&mut outcome, &frequent);
        }
        outcome
    }
}

/// A near-miss candidate that a run finds in at least this many documents
/// is taken for a word of the language or a name of its own (Bible names
/// such as "Aruma" or "Gabaon", a language's own word for a place), not a
/// misspelling: a misspelling is rare, and one translator's slip is seldom
/// repeated in three documents. `[near-miss] evidence = false` turns this
/// off.
pub const EVIDENCE_DOCUMENTS: usize = 3;

/// A candidate near a short name (at most [`EVIDENCE_SHORT`] letters) is
/// taken for a name of its own on less evidence: one edit from a
/// five-letter name reaches many other names ("Lidya" for Lydia, one edit
/// from "Libya", eight times in one Turkish Bible; "Лаван", Laban, from
/// "Ливан"; "Siza" from "Suiza"), so two documents, or this many
/// occurrences in one, are enough. A longer name misspelt the same way in
/// two documents is more likely one translator's habit, and is still
/// reported.
pub const EVIDENCE_REPEATS: usize = 4;

/// See [`EVIDENCE_REPEATS`].
pub const EVIDENCE_SHORT: usize = 6;

/// Near-miss candidates by document language (its writing) and folded
/// spelling.
type Frequent = std::collections::HashSet<(String, String)>;

/// The near-miss spellings `outcome` finds in [`EVIDENCE_DOCUMENTS`] or
/// more documents, or near a short name in two documents or
/// [`EVIDENCE_REPEATS`] times.
fn frequent_spellings(outcome: &Outcome) -> Frequent {
    #[derive(Default)]
    struct Seen {
        documents: usize,
        times: usize,
        short: bool,
    }
    let mut counts: std::collections::HashMap<(String, String), Seen> =
        std::collections::HashMap::new();
    for file in &outcome.files {
        let (FileOutcome::Checked { findings, .. } | FileOutcome::NotFixed { findings, .. }) =
            &file.outcome
        else {
            continue;
        };
        let mut here: std::collections::HashSet<(String, String)> =
            std::collections::HashSet::new();
        for f in findings.iter().filter(|f| f.rule == Rule::NearMiss) {
            let key = spelling(f);
            let seen = counts.entry(key.clone()).or_default();
            seen.times += 1;
            seen.short |= f
                .expected()
                .is_some_and(|e| e.chars().filter(|c| c.is_alphabetic()).count() <= EVIDENCE_SHORT);
            if here.insert(key) {
                seen.documents += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| {
            n.documents >= EVIDENCE_DOCUMENTS
                || (n.short && (n.documents >= 2 || n.times >= EVIDENCE_REPEATS))
        })
        .map(|(key, _)| key)
        .collect()
}

/// The key [`Frequent`] counts a near-miss finding under.
fn spelling(f: &Finding) -> (String, String) {
    (
        f.language().writing(),
        crate::normalize::fold_key(f.found()),
    )
}

fn is_frequent(f: &Finding, frequent: &Frequent) -> bool {
    f.rule == Rule::NearMiss && !frequent.is_empty() && frequent.contains(&spelling(f))
}

/// `outcome` without the near-miss findings of frequent spellings.
fn drop_frequent(outcome: &mut Outcome, frequent: &Frequent) {
    for file in &mut outcome.files {
        if let FileOutcome::Checked { findings, .. } | FileOutcome::NotFixed { findings, .. } =
            &mut file.outcome
        {
            findings.retain(|f| !is_frequent(f, frequent));
        }
    }
}

/// Rounds of `--fix` with the set rules: one that writes their fixes and
/// one that finds nothing left to fix, and a spare.
const MAX_SET_ROUNDS: usize = 3;

impl Checker<'_> {
    /// One run over `paths`, and how many files it rewrote for the set rules'
    /// fixes (only with `--fix`).
    // Kept whole: the steps of one round in order (walk, filter, recover, siblings, sets, check,
    // set rules, set fixes); each uses the file indices the step before made.
    fn check_round(
        &self,
        paths: &[PathBuf],
        options: &CheckOptions,
        frequent: Option<&Frequent>,
    ) -> (Outcome, usize) {
        let glossary = self.glossary;
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
        let home = glossary_path.as_deref().and_then(Path::parent);
        let scan::Walk {
            files,
            passed,
            errors: walk_errors,
        } = scan::walk(
            paths,
            options.stdin.as_ref().map(|s| s.name.as_path()),
            options.no_ignore,
            &skip,
            home,
        );
        // `[files]` and `--exclude` apply to files named on the command line
        // too: a pre-commit hook names every changed file.
        let files: Vec<Walked> = files
            .into_iter()
            .filter(|f| {
                glossary.files.selects(&f.in_project)
                    && !options.exclude.as_ref().is_some_and(|g| {
                        g.matches(&f.in_project) || g.matches(Path::new(&f.display))
                    })
            })
            .collect();
        // A run killed while writing left temporary files or a backup; this one
        // cleans up before reading what it will fix.
        let mut recovered = Vec::new();
        if matches!(options.fix, Some(FixMode::Write(..))) {
            let mut folders: Vec<&Path> = files
                .iter()
                .map(|f| f.path.parent().unwrap_or(Path::new("")))
                .collect();
            folders.sort_unstable();
            folders.dedup();
            for folder in folders {
                let folder = if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                };
                recovered.extend(fix::recover(folder));
            }
        }
        // Files named one by one (a pre-commit hook, a pull-request job) may
        // belong to sets whose other documents were not named: those are read
        // too, for the set rules only.
        let given = files.len();
        let mut files = files;
        if files.iter().any(|f| f.explicit) {
            if let Some(home) = home {
                files.extend(siblings(&files, home, &skip, glossary, options));
            }
        }
        let matcher = &self.matcher;
        // Paths relative to the glossary's folder, for [[ignore]] and [[set]].
        let relative: Vec<Option<PathBuf>> = files
            .iter()
            .map(|f| {
                let wanted = !glossary.ignores.is_empty() || !glossary.sets.is_empty();
                let canonical = std::fs::canonicalize(&f.path).ok().filter(|_| wanted)?;
                canonical.strip_prefix(home?).ok().map(Path::to_path_buf)
            })
            .collect();
        // Sets by suffix or folder look only inside the project, as languages do.
        let inside: Vec<String> = files
            .iter()
            .map(|f| scan::display_path(&f.in_project))
            .collect();
        let named: Vec<(&str, Option<PathBuf>)> = inside
            .iter()
            .zip(&relative)
            .map(|(f, r)| (f.as_str(), r.clone()))
            .collect();
        let mut sets = crate::sets::find(glossary, &named);
        // A set of siblings alone is not what was asked about.
        sets.retain(|s| s.members.iter().any(|&i| i < given));
        let mut in_set = vec![false; files.len()];
        sets.iter()
            .flat_map(|s| &s.members)
            .for_each(|&i| in_set[i] = true);
        let mut reports: Vec<Option<FileReport>> = files
            .par_iter()
            .zip(relative.par_iter())
            .zip(in_set.par_iter())
            .enumerate()
            .map(|(i, ((f, rel), &member))| {
                let sibling = i >= given;
                if sibling && !member {
                    return None;
                }
                let rules = rules_for(glossary, rel.as_deref(), &options.rules)?;
                Some(self.check_file((options, frequent), &rules, f, (member, sibling)))
            })
            .collect();
        for set in &sets {
            check_set(glossary, set, &mut reports, given);
        }
        let written = match options.fix {
            Some(mode) => self.fix_sets(
                options,
                mode,
                (&files[..given], &relative[..given]),
                &mut reports[..given],
            ),
            None => 0,
        };
        // Siblings were read for the set rules: what they found about the
        // given files is there; their own findings are not reported.
        let mut sibling_sources = Vec::new();
        let mut siblings = Vec::new();
        for report in reports.iter_mut().skip(given) {
            if let Some(FileReport {
                path,
                outcome: FileOutcome::Checked { text, .. },
            }) = report.take()
            {
                siblings.push(path.clone());
                if !text.is_empty() {
                    sibling_sources.push((path, text));
                }
            }
        }
        // Indices into the files actually checked ([[ignore]] removed some).
        let mut position = Vec::with_capacity(reports.len());
        let mut kept = 0;
        for r in &reports {
            position.push(r.is_some().then_some(kept));
            kept += usize::from(r.is_some());
        }
        let sets = sets
            .into_iter()
            .map(|s| {
                (
                    s.name,
                    s.members.iter().filter_map(|&i| position[i]).collect(),
                )
            })
            .collect();
        let mut walk_errors = walk_errors;
        let mut notes = Vec::new();
        for problem in matcher.dictionaries().problems() {
            if problem.fatal {
                walk_errors.push(ScanError::Dictionary {
                    message: problem.message,
                });
            } else {
                notes.push(problem.message);
            }
        }
        let outcome = Outcome {
            files: reports.into_iter().flatten().collect(),
            walk_errors,
            sets,
            passed,
            recovered,
            sibling_sources,
            siblings,
            notes,
            dictionaries: matcher.dictionaries().used(),
        };
        (outcome, written)
    }
}

impl Checker<'_> {
    /// Applies the fixes the set rules added to `reports` (a `cross-document`
    /// finding's fix is known only after every member was checked): with
    /// `--diff` the diff then shows them too; with `--fix` the file is written
    /// again. Returns how many files were written.
    // Kept whole: one loop over the files a set rule fixed; re-reading, fixing and writing a file
    // share its report.
    fn fix_sets(
        &self,
        options: &CheckOptions,
        mode: FixMode,
        (files, relative): (&[Walked], &[Option<PathBuf>]),
        reports: &mut [Option<FileReport>],
    ) -> usize {
        let glossary = self.glossary;
        let level = match mode {
            FixMode::Write(level, _) | FixMode::Diff(level) => level,
        };
        let mut written = 0;
        for ((file, rel), report) in files.iter().zip(relative).zip(reports.iter_mut()) {
            let Some(FileReport {
                outcome:
                    FileOutcome::Checked {
                        findings,
                        fixed,
                        diff,
                        set: Some(data),
                        ..
                    },
                ..
            }) = report.as_mut()
            else {
                continue;
            };
            let from_set = findings.iter().any(|f| {
                f.rule == Rule::CrossDocument
                    && f.fix()
                        .as_ref()
                        .is_some_and(|x| level.allows(x.applicability))
            });
            if !from_set {
                continue;
            }
            // `data.text` is the file as it is on disk (after this run's own
            // fixes with --fix, as it was with --diff), and `findings` are
            // about it: the document is read again to fix them together.
            let Ok(Some((mut doc, _))) = read_document(glossary, options, file) else {
                continue;
            };
            let Some(rules) = rules_for(glossary, rel.as_deref(), &options.rules) else {
                continue;
            };
            if doc.text != data.text {
                continue;
            }
            if options.no_inline_config {
                doc.inline_config = false;
                doc.directives.clear();
            }
            let before = std::mem::take(&mut data.text);
            let (current, _, count, _) = self.fix_and_say_why(&rules, doc, findings.clone(), level);
            match mode {
                FixMode::Diff(_) => {
                    *diff = Some(fix::unified_diff(&file.display, &before, &current.text));
                    *fixed = count;
                }
                FixMode::Write(_, write) => {
                    match fix::write_atomic(
                        &file.path,
                        &file.display,
                        before.as_bytes(),
                        current.text.as_bytes(),
                        write,
                    ) {
                        Ok(()) => {
                            *fixed += count;
                            written += 1;
                        }
                        Err(error) => {
                            let findings = std::mem::take(findings);
                            let text = lines_of(&before, &findings);
                            if let Some(r) = report.as_mut() {
                                r.outcome = FileOutcome::NotFixed {
                                    findings,
                                    text,
                                    error,
                                };
                            }
                            continue;
                        }
                    }
                }
            }
            data.text = before;
        }
        written
    }
}

/// The documents under `home` that are not among `files` but may share a
/// set with them, shown relative to the working folder when below it.
fn siblings(
    files: &[Walked],
    home: &Path,
    skip: &[PathBuf],
    glossary: &Glossary,
    options: &CheckOptions,
) -> Vec<Walked> {
    let named: std::collections::HashSet<PathBuf> = files
        .iter()
        .filter_map(|f| std::fs::canonicalize(&f.path).ok())
        .collect();
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    let around = scan::walk(
        &[home.to_path_buf()],
        None,
        options.no_ignore,
        skip,
        Some(home),
    );
    around
        .files
        .into_iter()
        .filter(|f| glossary.files.selects(&f.in_project))
        .filter(|f| {
            !options
                .exclude
                .as_ref()
                .is_some_and(|g| g.matches(&f.in_project))
        })
        .filter(|f| !named.contains(&f.path))
        .map(|mut f| {
            if let Some(relative) = cwd.as_deref().and_then(|c| f.path.strip_prefix(c).ok()) {
                f.display = scan::display_path(relative);
                f.path = relative.to_path_buf();
            }
            f
        })
        .collect()
}

/// Runs the set rules over one set and adds their findings to its members.
// Kept whole: the set rules over one set and the bookkeeping of which finding goes to which member
// share the members' indices.
fn check_set(
    glossary: &Glossary,
    set: &crate::sets::Set,
    reports: &mut [Option<FileReport>],
    given: usize,
) {
    let data: Vec<(usize, &FileReport, &SetData)> = set
        .members
        .iter()
        .filter_map(|&i| {
            let report = reports[i].as_ref()?;
            match &report.outcome {
                FileOutcome::Checked { set: Some(d), .. } => Some((i, report, &**d)),
                _ => None,
            }
        })
        .collect();
    let members: Vec<rules::Member<'_>> = data
        .iter()
        .map(|(i, r, d)| rules::Member {
            path: &r.path,
            text: &d.text,
            language: &d.language,
            matches: &d.matches,
            segments: &d.segments,
            rules: &d.rules,
            start: d.start,
            bilingual: d.bilingual,
            is_source_document: set.source_document == Some(*i),
        })
        .collect();
    let found = rules::run_set(glossary, &set.source, &members);
    let found: Vec<(usize, Vec<Finding>)> = data
        .iter()
        .zip(found)
        .map(|((i, _, d), fs)| {
            let kept = fs.into_iter().filter(|f| {
                !d.directives
                    .iter()
                    .any(|x| x.covers(f.range.start, f.rule.code(), f.term()))
            });
            (*i, kept.collect())
        })
        .collect();
    // Findings in siblings (documents read only for the set rules) are
    // not reported: only the files given are. Theirs point to the
    // siblings as related places.
    let found = found.into_iter().filter(|(i, _)| *i < given);
    let mut grown = Vec::new();
    for (i, more) in found {
        if let Some(FileReport {
            outcome: FileOutcome::Checked { findings, .. },
            ..
        }) = reports[i].as_mut()
        {
            if !more.is_empty() {
                grown.push(i);
                // In a document, a near-miss of the missing term explains it.
                absorb(findings, more, |_, _| true);
                rules::sort(findings);
            }
        }
    }
    // Each member keeps the lines its findings are on, and those that
    // findings of the other members point to.
    let mut pointed: std::collections::HashMap<String, Vec<Range<usize>>> =
        std::collections::HashMap::new();
    for &i in &set.members {
        if let Some(FileReport {
            outcome: FileOutcome::Checked { findings, .. },
            ..
        }) = reports[i].as_ref()
        {
            for f in findings {
                for r in f.related().iter().filter(|r| *r.path != *f.path()) {
                    pointed
                        .entry(r.path.clone())
                        .or_default()
                        .push(r.range.clone());
                }
            }
        }
    }
    for &i in &set.members {
        if let Some(FileReport {
            path,
            outcome:
                FileOutcome::Checked {
                    findings,
                    text,
                    set: Some(d),
                    ..
                },
        }) = reports[i].as_mut()
        {
            // Unchanged since check_file kept its lines: nothing to redo.
            let extra = pointed.remove(path.as_str()).unwrap_or_default();
            if extra.is_empty() && !grown.contains(&i) {
                continue;
            }
            *text = Source::lines_of(&d.text, finding_ranges(findings).chain(extra));
        }
    }
}

/// The rules for a file after `[[ignore]]`, or `None` if the file is not to
/// be checked at all. `relative` is its path from the glossary's folder.
fn rules_for(glossary: &Glossary, relative: Option<&Path>, rules: &RuleSet) -> Option<RuleSet> {
    match relative {
        Some(relative) if !glossary.ignores.is_empty() => glossary
            .ignored_for(relative)
            .map(|off| rules.without(&off)),
        _ => Some(rules.clone()),
    }
}

/// Reads `file` in its language (SPEC §5, issue 21): `--language`, the
/// path, what the format declares, the text itself, the default; with a
/// note when the language is a guess its text contradicts.
fn read_document(
    glossary: &Glossary,
    options: &CheckOptions,
    file: &Walked,
) -> Result<Option<(Document, Vec<String>)>, crate::error::ScanError> {
    read_document_from(glossary, options, file, None)
}

/// The text of `file` as an editor holds it, if it is open there
/// ([`CheckOptions::buffers`]).
fn editor_buffer(options: &CheckOptions, file: &Walked) -> Option<Vec<u8>> {
    if options.buffers.is_empty() || file.stdin {
        return None;
    }
    let canonical = std::fs::canonicalize(&file.path).ok()?;
    let buffer = options.buffers.iter().find(|b| b.name == canonical)?;
    Some(buffer.bytes.to_vec())
}

/// `read_document`, of `bytes` (an editor's unsaved text) instead of the
/// file on disk when given.
fn read_document_from(
    glossary: &Glossary,
    options: &CheckOptions,
    file: &Walked,
    bytes: Option<Vec<u8>>,
) -> Result<Option<(Document, Vec<String>)>, crate::error::ScanError> {
    let named = scan::named_language(&file.in_project, options.language.as_ref());
    let language = named
        .clone()
        .unwrap_or_else(|| glossary.default_language.clone());
    let bytes = bytes.or_else(|| editor_buffer(options, file));
    let loaded = match (&options.stdin, bytes) {
        (_, Some(bytes)) => scan::from_bytes_in(
            bytes,
            &file.display,
            language,
            scan::Format::from_path(&file.path),
            options.encoding.or(glossary.files.encoding),
        )?,
        (Some(stdin), None) if file.stdin => scan::from_bytes_in(
            stdin.bytes.to_vec(),
            &file.display,
            language,
            scan::Format::from_path(&file.path),
            options.encoding.or(glossary.files.encoding),
        )?,
        (_, None) => scan::read_in(
            &file.path,
            &file.display,
            language,
            options.encoding.or(glossary.files.encoding),
        )?,
    };
    Ok(match loaded {
        Loaded::Document(mut doc) => {
            if let Some(forced) = &options.language {
                // SPEC §5: --language comes before what the format declares.
                doc.language = forced.clone();
                doc.segments.iter_mut().for_each(|s| s.language = None);
            }
            let mut notes: Vec<String> = settle_language(&mut doc, named.is_some())
                .into_iter()
                .collect();
            // A guessed charset is said; a declared or named one is what
            // the file or the user said, and needs no word.
            if let Some((charset, crate::encoding::Found::Detected)) = doc.charset {
                notes.push(format!(
                    "{}: read as {} (detected: it is not UTF-8 and declares no charset; name one with --encoding if this is wrong); --fix writes it back in {}",
                    doc.path,
                    charset.name(),
                    charset.name()
                ));
            }
            skip_unfinished(&mut doc, glossary, options);
            Some((doc, notes))
        }
        Loaded::Binary => None,
    })
}

/// Drops the segments of translation units that are not finished (XLIFF
/// `state="new"`, PO `fuzzy`, …: `crate::states`) unless their state is
/// asked for: the unit is neither checked nor compared.
fn skip_unfinished(doc: &mut Document, glossary: &Glossary, options: &CheckOptions) {
    let included = |state: &&str| {
        options.include_states.contains(state) || glossary.files.include_states.contains(state)
    };
    let skipped: Vec<usize> = doc
        .unfinished
        .iter()
        .filter(|(_, state)| !included(state))
        .map(|(unit, _)| *unit)
        .collect();
    if !skipped.is_empty() {
        doc.segments.retain(|s| {
            s.unit
                .is_none_or(|(u, _)| skipped.binary_search(&u).is_err())
        });
    }
}

/// The share of a detected document's letters, in percent, in a script its
/// language is not written in from which the document counts as mixed:
/// a few quoted names stay silent, a bilingual text gets a note.
const MIXED_SHARE: usize = 25;

/// Detects the language of a document that nothing names, from the text of
/// its segments without a language of their own: used when the detector is
/// confident. Returns a note when the text's script cannot be the language
/// the document is checked in (Cyrillic text checked as `en`), so such a
/// document is never silently checked against the wrong renderings.
// Kept whole: one decision: detect, compare with the script, say why in one note.
fn settle_language(doc: &mut Document, named: bool) -> Option<String> {
    let unlabelled = doc
        .segments
        .iter()
        .filter(|s| s.language.is_none())
        .map(|s| &doc.text[s.range.clone()]);
    let guess = !named && !doc.declared;
    let detected = scan::detect_language(unlabelled, guess);
    if guess {
        if let Some(found) = detected.language.clone() {
            // A more specific default (`en-GB`) stays when it is that language.
            if found.primary() != doc.language.primary() {
                doc.language = found;
            }
            // A mixed-script text is checked in one language: say which.
            let (script, share) = scan::foreign_script(&doc.language, &detected)?;
            return (share >= MIXED_SHARE).then(|| {
                format!(
                    "{}: checked as {}, the language of most of its text; its {share}% in {} script is checked as {} too (a format with a language per part, such as XLIFF or HTML lang, tells them apart)",
                    doc.path,
                    doc.language,
                    scan::script_name(script),
                    doc.language
                )
            });
        }
        // Not confident, but the default cannot be right for this script:
        // the models' best answer is the better guess, and the note says so.
        // A few words say too little for even a guess ("Нур-Султан" alone).
        let letters: usize = detected.letters.iter().map(|(_, n)| n).sum();
        if let Some(best) = detected
            .guess
            .clone()
            .filter(|_| letters >= 100 && !scan::fits_text(&doc.language, &detected))
        {
            let note = format!(
                "{}: checked as {best}, the likeliest language of its text (not certain); name its language with a suffix (name.{}.txt), a language folder ({}/) or --language",
                doc.path,
                best.primary(),
                best.primary()
            );
            doc.language = best;
            return Some(note);
        }
    }
    let script = detected.script?;
    if scan::fits_text(&doc.language, &detected) {
        return None;
    }
    let how = if named || doc.declared {
        "named"
    } else {
        "the default: its language could not be told from the text"
    };
    Some(format!(
        "{}: checked as {} ({how}), but its text is in {} script; name its language with a suffix (name.ru.txt), a language folder (ru/) or --language",
        doc.path,
        doc.language,
        scan::script_name(script)
    ))
}

impl Checker<'_> {
    // Kept whole: read, check, fix and set data of one file, with the notes of each step kept
    // together.
    fn check_file(
        &self,
        (options, frequent): (&CheckOptions, Option<&Frequent>),
        rules: &RuleSet,
        file: &Walked,
        (in_set, sibling): (bool, bool),
    ) -> FileReport {
        let glossary = self.glossary;
        let streamed = (!in_set && !sibling)
            .then(|| self.memory_from_file(options, rules, file))
            .flatten();
        if let Some((mut findings, lines, mut notes)) = streamed {
            if let Some(frequent) = frequent {
                findings.retain(|f| !is_frequent(f, frequent));
            }
            let unused_directives = notes.len();
            if options.fix.is_some() && !findings.is_empty() {
                notes.push(read_only_note(&file.display, Format::Tmx));
            }
            let outcome = FileOutcome::Checked {
                findings,
                text: lines,
                fixed: 0,
                diff: None,
                notes,
                unused_directives,
                set: None,
            };
            return FileReport {
                path: file.display.clone(),
                outcome,
            };
        }
        let outcome = match read_document(glossary, options, file) {
            Ok(Some((mut doc, language_note))) => {
                if options.no_inline_config {
                    doc.inline_config = false;
                    doc.directives.clear();
                }
                // A translation memory outside any set is checked a window
                // of units at a time: nothing of it is compared later.
                let windowed =
                    !in_set && doc.format == Format::Tmx && doc.text.len() > MEMORY_WINDOW;
                let (mut findings, unused, matches) = if windowed {
                    let (findings, unused) = self
                        .memory_text_in_windows(options, rules, &doc)
                        .unwrap_or_else(|| self.memory_in_windows(rules, &mut doc, MEMORY_WINDOW));
                    let unused = unused.into_iter().map(|i| &doc.directives[i]).collect();
                    (findings, unused, Vec::new())
                } else if sibling {
                    // Read for the set rules only: its own findings are never
                    // reported, so the document rules (near-miss and its
                    // dictionaries above all) do not run on it.
                    (Vec::new(), Vec::new(), self.own_matches(&doc))
                } else {
                    self.document_full(rules, &doc)
                };
                if let Some(frequent) = frequent {
                    findings.retain(|f| !is_frequent(f, frequent));
                }
                let mut set = in_set.then(|| Box::new(set_data(&doc, matches, rules)));
                let unused_count = unused.len();
                let mut notes = unused_notes(&doc, &unused);
                notes.extend(language_note);
                if options.fix.is_some() && doc.format.is_read_only() && !findings.is_empty() {
                    notes.push(read_only_note(&doc.path, doc.format));
                }
                // A sibling is read, never fixed; nor is a memory, whose
                // findings carry no fix (`fit_fixes_to_format`): the fix
                // loop would only copy its text, 500 MB for a large one.
                let fix = options
                    .fix
                    .filter(|_| !sibling && doc.format != Format::Tmx);
                let mut outcome = match fix {
                    Some(mode) => self.fix_document(rules, file, doc, findings, mode),
                    None => checked(findings, doc.text, 0, None),
                };
                if let FileOutcome::Checked {
                    notes: n,
                    unused_directives,
                    fixed,
                    set: s,
                    ..
                } = &mut outcome
                {
                    // The fix loop's own note (why it stopped) comes last.
                    n.splice(0..0, notes);
                    *unused_directives = unused_count;
                    if *fixed > 0 && matches!(options.fix, Some(FixMode::Write(..))) {
                        // The file changed: the set rules look at it as written.
                        set = set.and_then(|_| self.reread_set_data(rules, file, options));
                    }
                    *s = set;
                }
                outcome
            }
            Ok(None) => FileOutcome::Binary,
            Err(e) => FileOutcome::Failed(e),
        };
        FileReport {
            path: file.display.clone(),
            outcome,
        }
    }
}

/// Why the findings of a document in a read-only format are not fixed.
fn read_only_note(path: &str, format: Format) -> String {
    let kind = if format == Format::Docx {
        "DOCX"
    } else {
        "a translation memory (TMX)"
    };
    format!("{path}: {kind} is read-only; its findings are reported, not fixed")
}

fn set_data(doc: &Document, matches: Vec<TermMatch>, rules: &RuleSet) -> SetData {
    SetData {
        language: doc.language.clone(),
        matches,
        // The text a reader sees: no tag, escape or placeholder states a
        // number.
        segments: doc.format.readable(&doc.text, &doc.own_segments()),
        start: doc.segments.first().map_or(0, |s| s.range.start),
        rules: rules.clone(),
        directives: doc.directives.clone(),
        text: doc.text.clone(),
        bilingual: doc.format.is_bilingual(),
    }
}

impl Checker<'_> {
    /// Set data for a file as `--fix` left it on disk.
    fn reread_set_data(
        &self,
        rules: &RuleSet,
        file: &Walked,
        options: &CheckOptions,
    ) -> Option<Box<SetData>> {
        let glossary = self.glossary;
        let Ok(Some((doc, _))) = read_document(glossary, options, file) else {
            return None;
        };
        let (_, _, matches) = self.document_full(rules, &doc);
        Some(Box::new(set_data(&doc, matches, rules)))
    }
}

fn checked(
    findings: Vec<Finding>,
    text: String,
    fixed: usize,
    diff: Option<String>,
) -> FileOutcome {
    FileOutcome::Checked {
        text: lines_of(&text, &findings),
        findings,
        fixed,
        diff,
        notes: Vec::new(),
        unused_directives: 0,
        set: None,
    }
}

/// The lines of `text` that `findings` are on.
fn lines_of(text: &str, findings: &[Finding]) -> Source {
    Source::lines_of(text, finding_ranges(findings))
}

/// The ranges of `findings` and of their related places in the same file.
fn finding_ranges(findings: &[Finding]) -> impl Iterator<Item = Range<usize>> + '_ {
    findings.iter().flat_map(|f| {
        std::iter::once(f.range.clone()).chain(
            f.related()
                .iter()
                .filter(move |r| *r.path == *f.path())
                .map(|r| r.range.clone()),
        )
    })
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
            unused_note(&doc.path, d, p.line, p.column)
        })
        .collect()
}

/// `path:line:column: …` for directive `d`, written there, that silenced
/// nothing.
fn unused_note(path: &str, d: &Directive, line: usize, column: usize) -> String {
    let what = if d.names.is_empty() {
        String::new()
    } else {
        format!(" ({})", d.names.join(", "))
    };
    format!("{path}:{line}:{column}: termlint directive{what} silenced nothing")
}

impl Checker<'_> {
    /// Applies fixes until none is left, then writes the file or makes a diff.
    fn fix_document(
        &self,
        rules: &RuleSet,
        file: &Walked,
        doc: Document,
        findings: Vec<Finding>,
        mode: FixMode,
    ) -> FileOutcome {
        let level = match mode {
            FixMode::Write(level, _) | FixMode::Diff(level) => level,
        };
        let before = doc.text.clone();
        let charset = doc.charset.map(|(c, _)| c);
        let (current, remaining, fixed, stop) =
            self.fix_and_say_why(rules, doc, findings.clone(), level);
        let mut outcome = fix_outcome(
            file,
            mode,
            (before, findings),
            (current, remaining, fixed),
            charset,
        );
        if let (FileOutcome::Checked { notes, .. }, Some(note)) =
            (&mut outcome, fix_stop_note(&file.display, stop))
        {
            notes.push(note);
        }
        outcome
    }
}

/// What fixing made of a file: written, a diff, or the error that kept it
/// from being written.
fn fix_outcome(
    file: &Walked,
    mode: FixMode,
    (before, findings): (String, Vec<Finding>),
    (current, remaining, fixed): (Document, Vec<Finding>, usize),
    charset: Option<crate::encoding::Charset>,
) -> FileOutcome {
    if fixed == 0 {
        return checked(remaining, current.text, 0, None);
    }
    match mode {
        FixMode::Diff(_) => {
            let diff = fix::unified_diff(&file.display, &before, &current.text);
            checked(findings, before, fixed, Some(diff))
        }
        FixMode::Write(_, write) => match in_charset(charset, &before, &current.text, file)
            .and_then(|(old, new)| fix::write_atomic(&file.path, &file.display, &old, &new, write))
        {
            Ok(()) => checked(remaining, current.text, fixed, None),
            Err(error) => FileOutcome::NotFixed {
                text: lines_of(&before, &findings),
                findings,
                error,
            },
        },
    }
}

/// The text as read and as fixed, as bytes in the file's charset (UTF-8
/// unless it was read in another): a fix the charset cannot write is an
/// error, never a lossy file.
fn in_charset(
    charset: Option<crate::encoding::Charset>,
    before: &str,
    after: &str,
    file: &Walked,
) -> Result<(Vec<u8>, Vec<u8>), fix::FixError> {
    let Some(charset) = charset else {
        return Ok((before.as_bytes().to_vec(), after.as_bytes().to_vec()));
    };
    let unwritable = |text: &str| fix::FixError::Unwritable {
        path: file.display.clone(),
        charset: charset.name(),
        chars: text
            .chars()
            .filter(|c| charset.encode(c.encode_utf8(&mut [0; 4])).is_none())
            .map(|c| format!("\"{c}\" U+{:04X}", u32::from(c)))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join(", "),
    };
    let old = charset.encode(before).ok_or_else(|| unwritable(before))?;
    let new = charset.encode(after).ok_or_else(|| unwritable(after))?;
    Ok((old, new))
}

impl Checker<'_> {
    /// Applies the fixes of `level` to `doc`, re-checking after each pass until
    /// nothing fixable is left. Returns the fixed document, its findings, and how
    /// many fixes were applied. Converging here is what makes a second `--fix`
    /// change nothing.
    pub fn fix_until_done(
        &self,
        doc: Document,
        findings: Vec<Finding>,
        level: FixLevel,
    ) -> (Document, Vec<Finding>, usize) {
        let (current, remaining, fixed, _) =
            self.fix_and_say_why(&self.options.rules, doc, findings, level);
        (current, remaining, fixed)
    }
}

/// Why fixing a document stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixStop {
    /// Nothing fixable is left: the usual end.
    Converged,
    /// Still something to fix after the last pass allowed (fixes that
    /// keep making new fixable findings).
    PassLimit,
    /// A pass's text no longer parsed in the document's format; the text
    /// before it stands.
    Unparsable,
}

impl Checker<'_> {
    /// [`fix_until_done`], also saying why it stopped.
    fn fix_and_say_why(
        &self,
        rules: &RuleSet,
        doc: Document,
        findings: Vec<Finding>,
        level: FixLevel,
    ) -> (Document, Vec<Finding>, usize, FixStop) {
        let (mut current, mut remaining, mut fixed) = (doc, findings, 0);
        for _ in 0..MAX_FIX_PASSES {
            let edits = fix::plan(&current.text, &remaining, level);
            if edits.is_empty() {
                return (current, remaining, fixed, FixStop::Converged);
            }
            let text = fix::apply(&current.text, &edits);
            // Edits only touch fixable text, so the format still parses; if it
            // did not, the last good text stands.
            let Ok(parsed) = scan::parse(current.format, &text) else {
                return (current, remaining, fixed, FixStop::Unparsable);
            };
            fixed += edits.len();
            current.text = text;
            current.segments = parsed.segments;
            if current.inline_config {
                current.directives = parsed.directives;
            }
            remaining = self.document_full(rules, &current).0;
        }
        let stop = if fix::plan(&current.text, &remaining, level).is_empty() {
            FixStop::Converged
        } else {
            FixStop::PassLimit
        };
        (current, remaining, fixed, stop)
    }
}

/// The note on a file whose fixing did not converge, if it did not.
fn fix_stop_note(path: &str, stop: FixStop) -> Option<String> {
    match stop {
        FixStop::Converged => None,
        FixStop::PassLimit => Some(format!(
            "{path}: --fix stopped after {MAX_FIX_PASSES} passes with fixes left (each pass made new ones); the file holds what the passes wrote; run --fix again or fix the rest by hand"
        )),
        FixStop::Unparsable => Some(format!(
            "{path}: --fix stopped before a fix that would have left the file unparsable; the fixes before it are kept, the rest is reported"
        )),
    }
}

/// Bytes of one piece when a long segment is searched in parallel.
const CHUNK: usize = 1 << 20;
/// How far past its end a piece is searched (then on to the next line), so
/// that a name broken over lines is found by the piece it starts in.
const OVERLAP: usize = 4 << 10;

/// The matches in one segment. A segment of more than two pieces (a large
/// plain-text file) is cut after newlines into pieces of about [`CHUNK`]
/// bytes, searched in parallel: one big file uses every core. Each piece
/// is searched on to the first newline [`OVERLAP`] bytes past its end and
/// keeps the matches that start inside it; where two pieces' matches
/// overlap, the earlier one wins, as in one search.
/// Segments searched by one task when a document has many (units).
const UNITS_PER_TASK: usize = 256;

fn find_segment(
    matcher: &InLanguage<'_, '_>,
    text: &str,
    range: Range<usize>,
    syntax: Syntax,
) -> Vec<TermMatch> {
    let search = |r: Range<usize>| matcher.find(&text[r.clone()], r.start, syntax);
    if range.len() <= 2 * CHUNK {
        return search(range);
    }
    let end = range.end;
    // A newline byte never occurs inside a multi-byte character, so the
    // byte after it is a character boundary.
    let next_line = |from: usize| {
        text.as_bytes()[from.min(end)..end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |i| from + i + 1)
    };
    let mut cuts = vec![range.start];
    while let Some(&last) = cuts.last() {
        let next = next_line(last + CHUNK);
        if next >= end {
            break;
        }
        cuts.push(next);
    }
    cuts.push(end);
    let pieces: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    let found: Vec<Vec<TermMatch>> = pieces
        .par_iter()
        .map(|piece| {
            let reach = if piece.end >= end {
                end
            } else {
                next_line(piece.end + OVERLAP)
            };
            let mut matches = search(piece.start..reach);
            matches.retain(|m| m.range.start < piece.end);
            matches
        })
        .collect();
    // Sized once: grown by doubling, a million matches were copied several
    // times and left up to half their size unused.
    let mut matches = Vec::with_capacity(found.iter().map(Vec::len).sum());
    let mut taken_until = 0;
    for m in found.into_iter().flatten() {
        if m.range.start >= taken_until {
            taken_until = m.range.end;
            matches.push(m);
        }
    }
    matches
}

impl Checker<'_> {
    /// The findings for one document, sorted, after inline suppression.
    /// The findings of `doc` and the glossary's names it writes in its own
    /// language (an editor's hover needs both).
    pub fn check_and_match(&self, doc: &Document) -> (Vec<Finding>, Vec<TermMatch>) {
        let (findings, _, matches) = self.document_full(&self.options.rules, doc);
        (findings, matches)
    }

    pub fn check_document(&self, doc: &Document) -> Vec<Finding> {
        self.document_full(&self.options.rules, doc).0
    }
}

impl Checker<'_> {
    /// The findings for one document, sorted, and the directives that silenced
    /// nothing. Segments are checked in their own language (an XLIFF's sources
    /// and targets apart); findings where the format forbids writing (XLIFF
    /// sources) carry no fix.
    /// The findings of one document, sorted, after its directives; the
    /// directives that silenced nothing; the matches in the document's own
    /// language (for the set rules).
    fn document_full<'d>(
        &self,
        rules: &RuleSet,
        doc: &'d Document,
    ) -> (Vec<Finding>, Vec<&'d Directive>, Vec<TermMatch>) {
        self.document_keeping(rules, doc, |_, _| {})
    }

    /// [`Self::document_full`], showing each language's matches to `keep`
    /// before they are dropped.
    fn document_keeping<'d>(
        &self,
        rules: &RuleSet,
        doc: &'d Document,
        mut keep: impl FnMut(&LangTag, &[TermMatch]),
    ) -> (Vec<Finding>, Vec<&'d Directive>, Vec<TermMatch>) {
        let mut findings = Vec::new();
        let groups = language_groups(doc);
        // Each language's matches, moved rather than copied: a dense document
        // has a million of them.
        let mut all_matches: Vec<Vec<TermMatch>> = Vec::with_capacity(groups.len());
        let mut main = None;
        for (language, ranges) in &groups {
            let (matches, found) = self.language_findings(rules, doc, language, ranges);
            // Moved, not copied, when it is the first language's: a copy of a
            // million findings would be a second 170 MB at the peak.
            if findings.is_empty() {
                findings = found;
            } else {
                findings.extend(found);
            }
            if *language == &doc.language {
                main = Some(all_matches.len());
            }
            all_matches.push(matches);
        }
        let unit_findings = check_units(self.glossary, rules, doc, &all_matches);
        for ((language, _), matches) in groups.iter().zip(&all_matches) {
            keep(language, matches);
        }
        let main_matches = main.map_or_else(Vec::new, |i| all_matches.swap_remove(i));
        drop(all_matches);
        drop_copied_from_source(doc, &mut findings);
        if !unit_findings.is_empty() {
            absorb_in_targets(doc, &mut findings, unit_findings);
        }
        fit_fixes_to_format(doc, &mut findings);
        let unused = apply_directives(doc, &mut findings);
        rules::sort(&mut findings);
        (findings, unused, main_matches)
    }

    /// The names found in `ranges` of `doc` in `language`, ordinary words
    /// that happen to be spelt like one left out. A catalogue's thousands of
    /// units are searched on every core, in runs of units, their matches
    /// kept in document order.
    fn names(&self, doc: &Document, language: &LangTag, ranges: &[Range<usize>]) -> Vec<TermMatch> {
        let glossary = self.glossary;
        // Nothing to find: not even worth folding the text.
        let Some(matcher) = self.matcher.in_language(language) else {
            return Vec::new();
        };
        let names = |run: &[Range<usize>]| -> Vec<TermMatch> {
            let mut found: Vec<TermMatch> = run
                .iter()
                .flat_map(|range| {
                    find_segment(&matcher, &doc.text, range.clone(), doc.format.syntax())
                })
                .collect();
            found.retain(|m| !rules::is_ordinary_word(glossary, language, &doc.text, m));
            found
        };
        if ranges.len() >= 2 * UNITS_PER_TASK {
            use rayon::prelude::ParallelSlice;
            joined(ranges.par_chunks(UNITS_PER_TASK).map(names).collect())
        } else {
            names(ranges)
        }
    }

    /// The names found in `doc`'s own language, as the set rules see them
    /// ([`Self::document_full`]'s third part, without the findings).
    fn own_matches(&self, doc: &Document) -> Vec<TermMatch> {
        language_groups(doc)
            .into_iter()
            .find(|(language, _)| **language == doc.language)
            .map(|(language, ranges)| self.names(doc, language, &ranges))
            .unwrap_or_default()
    }

    /// The matches and findings of the segments of `doc` in `language`.
    fn language_findings(
        &self,
        rules: &RuleSet,
        doc: &Document,
        language: &LangTag,
        ranges: &[Range<usize>],
    ) -> (Vec<TermMatch>, Vec<Finding>) {
        let (glossary, matcher) = (self.glossary, &self.matcher);
        let matches = self.names(doc, language, ranges);
        let text_ranges = readable(doc, ranges);
        let mut ctx = Context::new(
            &doc.path,
            &doc.text,
            &text_ranges,
            language,
            glossary,
            rules,
        );
        ctx.syntax = doc.format.syntax();
        // The fuzzy index is built (once per language) only when near-miss runs.
        let fuzzy = rules
            .severity(Rule::NearMiss)
            .map(|_| matcher.fuzzy(language));
        rules::run_document(&mut ctx, &matches, fuzzy.as_deref());
        (matches, ctx.into_findings())
    }
}

/// The parts of `ranges` of `doc` a reader sees: the rules read text
/// between tags, escapes and placeholders, so near-miss never sees a tag's
/// name or `%sThank` as a word. A catalogue's units are read on every core.
fn readable(doc: &Document, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let read = |run: &[Range<usize>]| doc.format.readable(&doc.text, run);
    if ranges.len() >= 2 * UNITS_PER_TASK {
        use rayon::prelude::ParallelSlice;
        joined(ranges.par_chunks(UNITS_PER_TASK).map(read).collect())
    } else {
        read(ranges)
    }
}

/// `runs` joined into one vector of the exact size: collecting flattened
/// runs grew it by doubling, a third unused.
fn joined<T>(runs: Vec<Vec<T>>) -> Vec<T> {
    let mut all = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        all.extend(run);
    }
    all
}

/// The document's segments by language, in the order languages first occur.
fn language_groups(doc: &Document) -> Vec<(&LangTag, Vec<Range<usize>>)> {
    let mut groups: Vec<(&LangTag, Vec<Range<usize>>)> = Vec::new();
    for segment in &doc.segments {
        let language = segment.language.as_ref().unwrap_or(&doc.language);
        match groups.iter_mut().find(|(l, _)| *l == language) {
            Some((_, ranges)) => ranges.push(segment.range.clone()),
            None => groups.push((language, vec![segment.range.clone()])),
        }
    }
    groups
}

/// Removes the near-misses in a unit's target whose spelling the unit's
/// source writes too, as a whole word: a name the translator kept as it
/// is ("Samba", "Kannada", "Italic" left in English), not a misspelling of
/// a name of the target's language. A misspelling in the source itself is
/// still reported there.
fn drop_copied_from_source(doc: &Document, findings: &mut Vec<Finding>) {
    if !findings.iter().any(|f| f.rule == Rule::NearMiss) {
        return;
    }
    // Segments by start: those of units, with their unit and side.
    let mut units: Vec<(Range<usize>, usize, bool)> = doc
        .segments
        .iter()
        .filter_map(|s| s.unit.map(|(unit, target)| (s.range.clone(), unit, target)))
        .collect();
    if units.is_empty() {
        return;
    }
    units.sort_by_key(|(r, _, _)| r.start);
    let mut sources: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for (range, unit, target) in &units {
        if !target {
            sources.entry(*unit).or_default().push(range.clone());
        }
    }
    let copied = |f: &Finding| {
        let after = units.partition_point(|(r, _, _)| r.start <= f.range.start);
        let Some((range, unit, true)) = after.checked_sub(1).map(|k| &units[k]) else {
            return false;
        };
        if f.range.end > range.end {
            return false;
        }
        let spelling = &doc.text[f.range.clone()];
        sources.get(unit).into_iter().flatten().any(|source| {
            let text = &doc.text[source.clone()];
            memchr::memmem::find_iter(text.as_bytes(), spelling.as_bytes())
                .any(|at| is_whole_word(text, at, spelling.len()))
        })
    };
    findings.retain(|f| f.rule != Rule::NearMiss || !copied(f));
}

/// Adds the unit rules' findings; a near-miss inside a unit's target that
/// explains its missing-translation becomes that finding's related place.
fn absorb_in_targets(doc: &Document, findings: &mut Vec<Finding>, unit_findings: Vec<Finding>) {
    // A unit's target starts where its missing-translation is reported:
    // the near-miss that explains it must lie in that target.
    let mut targets: std::collections::HashMap<usize, Vec<&Range<usize>>> =
        std::collections::HashMap::new();
    let mut start_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for s in &doc.segments {
        if let Some((unit, true)) = s.unit {
            let start = *start_of.entry(unit).or_insert(s.range.start);
            targets.entry(start).or_default().push(&s.range);
        }
    }
    absorb(findings, unit_findings, |f, g| {
        targets.get(&f.range.start).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|r| r.start <= g.range.start && g.range.end <= r.end)
        })
    });
}

/// Drops the fixes the format cannot take as they are, and escapes the
/// replacements as the format writes text.
fn fit_fixes_to_format(doc: &Document, findings: &mut [Finding]) {
    // Findings that shared a detail share its fitted copy too: a million
    // findings of one name in an HTML file stay a million 32-byte findings.
    // The original is kept in the map so that its address is not reused
    // by another detail while the map lives.
    type Fitted = (Arc<Detail>, Arc<Detail>);
    let mut fitted: HashMap<(*const Detail, bool), Fitted> = HashMap::new();
    let syntax = doc.format.syntax();
    let is_fixable = doc.fixable_test();
    for f in findings {
        let Some(fix) = f.fix() else { continue };
        // A name split by inline tags or emphasis is reported, never
        // rewritten: a fix would have to move the markup (issue 21).
        // So is one with an escape inside (`Nur-\u{2010}Sultan` in a PO
        // string); one that gettext's line wrapping split is rewritten on
        // one line.
        let written = &doc.text[f.range.clone()];
        let over_tags = match syntax {
            Syntax::Markup => written.contains(['<', '*', '_', '~']),
            Syntax::CString => written.contains('\\'),
            Syntax::Plain => false,
        };
        let keep = is_fixable(&f.range) && !over_tags;
        if keep && escaped(syntax, &fix.replacement).is_none() {
            continue;
        }
        let original = f.detail();
        let (_, new) = fitted
            .entry((Arc::as_ptr(original), keep))
            .or_insert_with(|| {
                let mut detail = Detail::clone(original);
                if !keep {
                    detail.fix = None;
                } else if let Some(fix) = detail.fix.as_mut() {
                    if let Some(r) = escaped(syntax, &fix.replacement) {
                        fix.replacement = r.into();
                    }
                }
                (Arc::clone(original), Arc::new(detail))
            });
        let new = Arc::clone(new);
        f.set_detail(new);
    }
}

/// `replacement` escaped as text of `syntax` is written, if that changes it.
fn escaped(syntax: Syntax, replacement: &str) -> Option<String> {
    match syntax {
        Syntax::Markup if replacement.contains(['&', '<', '>']) => Some(escape_markup(replacement)),
        Syntax::CString if replacement.contains(['\\', '"', '\n', '\t']) => {
            Some(crate::normalize::escape_c(replacement))
        }
        _ => None,
    }
}

/// Removes the findings the document's directives silence; returns the
/// directives that silenced nothing.
fn apply_directives<'d>(doc: &'d Document, findings: &mut Vec<Finding>) -> Vec<&'d Directive> {
    let mut used = vec![false; doc.directives.len()];
    findings.retain(|f| {
        let mut silenced = false;
        for (i, d) in doc.directives.iter().enumerate() {
            if d.covers(f.range.start, f.rule.code(), f.term()) {
                used[i] = true;
                silenced = true;
            }
        }
        !silenced
    });
    doc.directives
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(d, _)| d)
        .collect()
}

/// A replacement written into markup: `&`, `<` and `>` as references.
fn escape_markup(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{find_segment, fix_stop_note, unused_notes, Checker, FixStop, CHUNK};
    use crate::glossary::Glossary;
    use crate::lang::LangTag;
    use crate::matcher::Matcher;
    use crate::position::LineIndex;
    use crate::scan::Directive;

    /// Findings that say the same thing share one detail, also after their
    /// fixes are escaped for the format; one whose fix the format cannot
    /// take says so alone (issue 26: a million findings of one name cost
    /// 32 bytes each, not a copy of their message).
    #[test]
    fn findings_of_one_mistake_share_their_detail() {
        let g = Glossary::from_str(
            "[[term]]\nid = \"att\"\nen = { preferred = \"AT&T\", forbidden = [\"ATT Inc\"] }\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let checker = Checker::with_rules(&g, crate::rules::RuleSet::new(&g, None, &[]));
        let en = LangTag::parse("en").unwrap();
        let html = b"<p>ATT Inc, ATT Inc and ATT <b>Inc</b>.</p>\n".to_vec();
        let Ok(crate::scan::Loaded::Document(doc)) =
            crate::scan::from_bytes_as(html, "a.html", en, crate::scan::Format::Html)
        else {
            panic!("a document");
        };
        let findings = checker.check_document(&doc);
        assert_eq!(findings.len(), 3, "{findings:?}");
        let replacements: Vec<_> = findings
            .iter()
            .map(|f| f.fix().map(|x| &*x.replacement))
            .collect();
        assert_eq!(replacements, [Some("AT&amp;T"), Some("AT&amp;T"), None]);
        assert!(std::sync::Arc::ptr_eq(
            findings[0].detail(),
            findings[1].detail()
        ));
        assert!(!std::sync::Arc::ptr_eq(
            findings[1].detail(),
            findings[2].detail()
        ));
    }

    /// A memory checked a window of units at a time says exactly what it
    /// says checked whole: every rule, `inconsistent` across windows, a
    /// directive before a unit and a region over several windows, and the
    /// directives that silenced nothing.
    #[test]
    fn a_memory_in_windows_finds_what_it_finds_whole() {
        let g = Glossary::from_str(
            r#"
[[term]]
id = "astana"
category = "place"
en = { preferred = "Astana", forbidden = ["Nur-Sultan"] }
ru = { preferred = "Астана", forbidden = ["Нур-Султан"] }
[[term]]
id = "kyrgyzstan"
category = "place"
en = { preferred = "Kyrgyzstan", accepted = ["Kyrgyz Republic"] }
ru = "Кыргызстан"
[[term]]
id = "kazakhstan"
category = "place"
en = "Kazakhstan"
ru = "Казахстан"
"#,
            Path::new("g.toml"),
        )
        .unwrap();
        let checker = Checker::with_rules(&g, crate::rules::RuleSet::new(&g, None, &[]));
        let units: Vec<(String, String)> = (0..60)
            .map(|i| match i % 12 {
                // A near-miss that a word in lower case, windows later,
                // shows to be an ordinary word.
                _ if i == 30 => (format!("Kazakstan, {i}"), format!("Казахстан, {i}")),
                _ if i == 55 => (format!("the kazakstan {i}"), format!("Казахстан {i}")),
                0 => (
                    format!("Nur-Sultan hosted {i} talks"),
                    format!("Нур-Султан принял {i} встреч"),
                ),
                3 => (
                    format!("The Kyrgyz Republic sent {i} people"),
                    format!("Кыргызстан отправил {i} человек"),
                ),
                5 => (
                    format!("Kyrgyzstan and Kazakhstan, {i} times"),
                    format!("Кыргызстан, {i} раз"),
                ),
                7 => (
                    format!("Kazakhstan sent {i} delegates"),
                    format!("Казакстан отправил {} делегатов", i + 1),
                ),
                9 => ("<!-- termlint: ignore -->".to_owned(), String::new()),
                10 => ("<!-- termlint: off forbidden -->".to_owned(), String::new()),
                11 if i > 40 => ("<!-- termlint: on -->".to_owned(), String::new()),
                _ => (format!("Astana, unit {i}"), format!("Астана, единица {i}")),
            })
            .collect();
        let mut tmx = String::from(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
        );
        for (source, target) in &units {
            if source.starts_with("<!--") {
                tmx.push_str(source);
                tmx.push('\n');
                continue;
            }
            tmx.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>{source}</seg></tuv><tuv xml:lang=\"ru\"><seg>{target}</seg></tuv></tu>\n"
            ));
        }
        tmx.push_str("<!-- termlint: ignore --></body></tmx>\n");
        let en = LangTag::parse("en").unwrap();
        let Ok(crate::scan::Loaded::Document(mut doc)) =
            crate::scan::from_bytes_as(tmx.into_bytes(), "m.tmx", en, crate::scan::Format::Tmx)
        else {
            panic!("a document");
        };
        let (whole, unused, _) = checker.document_full(&checker.options.rules, &doc);
        let unused: Vec<usize> = unused
            .iter()
            .map(|d| {
                doc.directives
                    .iter()
                    .position(|e| std::ptr::eq(e, *d))
                    .unwrap()
            })
            .collect();
        let rules = [
            "forbidden",
            "inconsistent",
            "missing-translation",
            "near-miss",
            "number-mismatch",
        ];
        for rule in rules {
            assert!(
                whole.iter().any(|f| f.rule.code() == rule),
                "{rule}: {whole:#?}"
            );
        }
        assert!(!unused.is_empty() && unused.len() < doc.directives.len());
        let rules = checker.options.rules.clone();
        for window in [1, 200, 700, 5000, usize::MAX] {
            let (windowed, windowed_unused) = checker.memory_in_windows(&rules, &mut doc, window);
            assert_eq!(windowed, whole, "window {window}");
            assert_eq!(windowed_unused, unused, "window {window}");
        }
        // Read from its bytes in windows, its text never whole: the same
        // findings, the same notes, and each finding's line and column.
        let unused_directives: Vec<&Directive> =
            unused.iter().map(|&i| &doc.directives[i]).collect();
        let notes = unused_notes(&doc, &unused_directives);
        let index = LineIndex::new(&doc.text);
        let bytes = doc.text.as_bytes();
        for window in [1, 200, 700, 5000, usize::MAX] {
            let read = checker.memory_windows(&rules, &checker.options, "m.tmx", bytes, window);
            let (streamed, lines, streamed_unused) =
                checker.memory_end(&rules, "m.tmx", read.unwrap(), || Some(bytes));
            let (indexes, streamed_notes): (Vec<usize>, Vec<String>) =
                streamed_unused.into_iter().unzip();
            assert_eq!(streamed, whole, "window {window}");
            assert_eq!(streamed_notes, notes, "window {window}");
            assert_eq!(indexes, unused, "window {window}");
            for f in &streamed {
                let part = lines.part_at(f.range.start).and_then(|p| lines.index(p));
                let at = part.map(|p| p.position(f.range.start));
                assert_eq!(at, Some(index.position(f.range.start)), "{f:?}");
            }
        }
        // Without reading the memory again, a window cannot know that
        // "kazakstan" is written in lower case in another.
        let read = checker.memory_windows(&rules, &checker.options, "m.tmx", bytes, 200);
        let (alone, _, _) = checker.memory_end(&rules, "m.tmx", read.unwrap(), || None::<&[u8]>);
        assert!(alone.iter().any(|f| f.found() == "Kazakstan"));
        assert!(!whole.iter().any(|f| f.found() == "Kazakstan"));
    }

    /// A memory the window reader cannot take is read whole: one written
    /// on one line, one with a byte-order mark, one that is not UTF-8, one
    /// with an XML error in a later window.
    #[test]
    fn a_memory_the_window_reader_cannot_take_is_read_whole() {
        let g = Glossary::from_str(
            "[[term]]\nid = \"astana\"\nen = \"Astana\"\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let checker = Checker::with_rules(&g, crate::rules::RuleSet::new(&g, None, &[]));
        let unit = "<tu><tuv xml:lang=\"en\"><seg>Astana</seg></tuv></tu>";
        let head = "<tmx version=\"1.4\"><header srclang=\"en\"/><body>";
        let lines = format!("{head}\n{}</body></tmx>\n", format!("{unit}\n").repeat(50));
        let read = |text: &[u8]| {
            checker
                .memory_windows(&checker.options.rules, &checker.options, "m.tmx", text, 100)
                .map(|w| w.findings.len())
        };
        assert_eq!(read(lines.as_bytes()).ok(), Some(0));
        let one_line = format!("{head}{}</body></tmx>", unit.repeat(50));
        let windows = checker.memory_windows(
            &checker.options.rules,
            &checker.options,
            "m.tmx",
            one_line.as_bytes(),
            100,
        );
        // One window of it all: nothing gained, nothing wrong.
        assert!(windows.is_ok());
        let bom = format!("\u{feff}{lines}");
        assert!(read(bom.as_bytes()).is_err());
        let mut latin1 = lines.clone().into_bytes();
        latin1.extend(b"<!-- \xe9 -->\n");
        assert!(read(&latin1).is_err());
        let broken = lines.replacen("</tuv></tu>\n<tu>", "</tuv></tx>\n<tu>", 40);
        assert!(read(broken.as_bytes()).is_err());
    }

    /// Fixing says why it stopped: a document whose fixes are all made has
    /// converged and gets no note; the other ends are notes on the file.
    #[test]
    fn fixing_says_why_it_stopped() {
        let g = Glossary::from_str(
            "[[term]]\nid = \"astana\"\nen = { preferred = \"Astana\", forbidden = [\"Nur-Sultan\"] }\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let rules = crate::rules::RuleSet::new(&g, None, &[]);
        let checker = Checker::with_rules(&g, rules.clone());
        let en = LangTag::parse("en").unwrap();
        let Ok(crate::scan::Loaded::Document(doc)) =
            crate::scan::from_bytes(b"Nur-Sultan and NUR-SULTAN.\n".to_vec(), "a.txt", en)
        else {
            panic!("a document");
        };
        let findings = checker.check_document(&doc);
        let (fixed, left, count, stop) =
            checker.fix_and_say_why(&rules, doc, findings, crate::fix::FixLevel::Safe);
        assert_eq!(
            (fixed.text.as_str(), count, stop),
            ("Astana and ASTANA.\n", 2, FixStop::Converged)
        );
        assert!(left.is_empty());
        assert_eq!(fix_stop_note("a.txt", FixStop::Converged), None);
        assert!(
            fix_stop_note("a.txt", FixStop::PassLimit).is_some_and(
                |n| n.starts_with("a.txt: --fix stopped after 10 passes with fixes left")
            )
        );
        assert!(fix_stop_note("a.xlf", FixStop::Unparsable)
            .is_some_and(|n| n.contains("would have left the file unparsable")));
    }

    /// A file searched in parallel pieces finds exactly what one search
    /// finds, names broken over a line at a piece's edge included.
    #[test]
    fn pieces_find_what_one_search_finds() {
        let g = Glossary::from_str(
            "[[term]]\nid = \"alat\"\nen = \"Alat International Trade Seaport\"\n[[term]]\nid = \"baku\"\nen = \"Baku\"\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let m = Matcher::new(&g);
        let en = LangTag::parse("en").unwrap();
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 5 * CHUNK {
            n += 1;
            // Lines of varied length, so piece edges fall everywhere; every
            // so often the long name is broken over two lines.
            text.push_str(&"filler words ".repeat(n % 37));
            text.push_str(if n % 5 == 0 {
                "Alat International\nTrade Seaport and Baku\n"
            } else {
                "Baku Alat International Trade Seaport\n"
            });
        }
        let whole = m.find(&en, &text, 0, crate::normalize::Syntax::Plain);
        let pieces = find_segment(
            &m.in_language(&en).unwrap(),
            &text,
            0..text.len(),
            crate::normalize::Syntax::Plain,
        );
        assert!(whole.len() > 1000);
        assert_eq!(pieces.len(), whole.len());
        assert!(pieces
            .iter()
            .zip(&whole)
            .all(|(a, b)| a.range == b.range && a.term == b.term));
    }
}
