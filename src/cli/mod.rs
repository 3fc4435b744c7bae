//! The binary's edge: parse arguments, run a command, compute the exit code.
//!
//! `run` writes reports to `stdout` and notes and per-file errors to
//! `stderr`, and returns the exit code (SPEC §1): 0 nothing at or above the
//! fail level, 1 findings at or above it, 2 usage, glossary or I/O errors.
//! Errors it returns (bad glossary, unknown rule, …) are printed by `main`.

mod args;
mod settings;

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context as _};
use clap::Parser;

use crate::baseline::Baseline;
use crate::check::{CheckOptions, Checker, FileOutcome, FixMode, Outcome};
use crate::diagnostic::Finding;
use crate::glossary::Glossary;
use crate::interchange;
use crate::report::{self, Report, Summary};
use crate::rules::{Rule, RuleSet};
use args::{CheckArgs, Cli, Command, GlossaryCommand};
use settings::{CheckSettings, Show};

pub use settings::GLOSSARY_FILE;

/// How a run ends (SPEC §1): the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above the fail level.
    Ok = 0,
    /// Findings at or above the fail level.
    Findings = 1,
    /// Usage, glossary or I/O errors.
    Error = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}

/// Runs termlint with `args` (including the program name). It may run
/// more than once in a process; `--threads` then applies to a pool of the
/// run's own, as the global one is already started. A check leaves its
/// glossary, matcher and findings to the end of the process, which is
/// meant to come next (see `check`).
// Kept whole: the dispatch of every subcommand: one match arm each.
pub fn run<I>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> anyhow::Result<ExitStatus>
where
    I: IntoIterator<Item = OsString>,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let out: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            write!(out, "{}", e.render())?;
            return Ok(if e.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Ok
            });
        }
    };
    match cli.command {
        None => check(&cli.check, stdout, stderr),
        Some(Command::Check(args)) => check(&args, stdout, stderr),
        Some(Command::Explain { rule }) => explain(rule.as_deref(), stdout),
        Some(Command::Server) => {
            crate::server::run_stdio()?;
            Ok(ExitStatus::Ok)
        }
        Some(Command::Report {
            paths,
            glossary,
            format,
            output,
            color,
        }) => report_sets(
            &paths,
            glossary.as_deref(),
            (format, output.as_deref(), color),
            stdout,
            stderr,
        ),
        Some(Command::Suggest {
            paths,
            glossary,
            min_count,
            category_hints,
            no_cache,
        }) => {
            let options = crate::suggest::Options {
                min_count,
                category_hints,
            };
            let cache = crate::dictionary::cache_location().filter(|_| !no_cache);
            suggest(
                &paths,
                glossary.as_deref(),
                (options, cache),
                stdout,
                stderr,
            )
        }
        Some(Command::Glossary {
            command: GlossaryCommand::Lint { file, glossary },
        }) => glossary_lint(file.or(glossary).as_deref(), stdout, stderr),
        Some(Command::Glossary {
            command:
                GlossaryCommand::Import {
                    file,
                    columns,
                    delimiter,
                },
        }) => glossary_import(&file, columns.as_deref(), delimiter, stdout, stderr),
        Some(Command::Glossary {
            command:
                GlossaryCommand::Export {
                    file,
                    glossary,
                    format,
                },
        }) => glossary_export(file.or(glossary).as_deref(), format, stdout),
    }
}

fn check(
    args: &CheckArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let own_pool = worker_pool(args.threads)?;
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let glossary = settings::load_glossary(args.glossary.as_deref(), &cwd)?;
    let CheckSettings {
        options,
        paths,
        show,
        fail_level,
        baseline,
        write_baseline,
        verbose,
    } = CheckSettings::new(args, &glossary)?;
    let checker = Checker::new(&glossary, options);
    let outcome = match &own_pool {
        Some(pool) => pool.install(|| checker.check_paths(&paths)),
        None => checker.check_paths(&paths),
    };
    let unkept = checker.matcher().dictionaries().remember();
    let io_errors = print_problems(&outcome, stderr, show.quiet)?;
    if verbose {
        print_skipped(&outcome, stderr)?;
        for problem in &unkept {
            writeln!(stderr, "termlint: note: {problem}")?;
        }
    }
    let mut report = build_report(&outcome, &cwd);
    if let Some(path) = &write_baseline {
        record_baseline(&report, path, stderr)?;
        return Ok(if io_errors {
            ExitStatus::Error
        } else {
            ExitStatus::Ok
        });
    }
    if let Some(path) = &baseline {
        apply_baseline(&mut report, &outcome, path, stderr)?;
    }
    let diff = matches!(checker.options().fix, Some(FixMode::Diff(_)));
    let failing = show_report(&show, (&report, &outcome, diff), fail_level, stdout, stderr)?;
    // Not freed: the process ends when `run` returns (only the binary calls
    // it), and freeing the run's state one allocation at a time (a
    // dictionary's 300,000 words, every file's findings) took 0.08 s of a
    // 2.4 s check of the benchmark corpus, on one core after the others
    // had finished.
    std::mem::forget(report);
    std::mem::forget(outcome);
    std::mem::forget(checker);
    std::mem::forget(glossary);
    Ok(match (io_errors, failing) {
        (true, _) => ExitStatus::Error,
        (false, true) => ExitStatus::Findings,
        (false, false) => ExitStatus::Ok,
    })
}

/// The pool the files are checked on, if not the global one. `--threads`
/// is for the whole command: the glossary is parsed and the report
/// rendered on the same threads as the files are checked. Only if this
/// process started the global pool before (`run` called twice) do the
/// files get a pool of their own.
fn worker_pool(threads: Option<usize>) -> anyhow::Result<Option<rayon::ThreadPool>> {
    let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n);
    Ok(match threads {
        Some(n) if pool(n).build_global().is_err() => {
            Some(pool(n).build().context("cannot start worker threads")?)
        }
        _ => None,
    })
}

/// `--write-baseline`: records every finding of the run in `path`.
fn record_baseline(
    report: &report::Report<'_>,
    path: &Path,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let baseline = Baseline::from_findings(report.findings.iter().copied());
    baseline.write(path)?;
    let recorded = report::plural(baseline.len(), "finding");
    writeln!(
        stderr,
        "termlint: recorded {recorded} in {}",
        path.display()
    )?;
    Ok(())
}

/// With `--verbose`: the files a walk passed over and why, and where
/// near-miss took each language's words from.
fn print_skipped(outcome: &Outcome, stderr: &mut dyn Write) -> std::io::Result<()> {
    for f in &outcome.files {
        if matches!(f.outcome, FileOutcome::Binary) {
            writeln!(stderr, "termlint: note: {}: skipped: binary file", f.path)?;
        }
    }
    for (path, why) in &outcome.passed {
        let why = match why {
            crate::scan::Passed::NotDocument => "not a document format",
            crate::scan::Passed::Link => {
                "a symbolic link (walks do not follow links; name the file to check it)"
            }
        };
        writeln!(stderr, "termlint: note: {path}: skipped: {why}")?;
    }
    for (language, source) in &outcome.dictionaries {
        match source {
            Some(source) => {
                writeln!(stderr, "termlint: note: near-miss in {language}: words from {source}")?;
            }
            None => writeln!(
                stderr,
                "termlint: note: near-miss in {language}: no dictionary, so ordinary words are told from names only by how the documents write them (install one where Hunspell looks, such as a Debian hunspell-* package, or name one in [near-miss] dictionaries)"
            )?,
        }
    }
    Ok(())
}

/// Shows the report (or the fixes' diffs) as `show` says, on stdout or
/// into `--output`; returns whether a finding reaches `fail_level`.
fn show_report(
    show: &Show,
    (report, outcome, diff): (&report::Report<'_>, &Outcome, bool),
    fail_level: Option<crate::diagnostic::Severity>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<bool> {
    let mut into_file = Vec::new();
    let mut sink = std::io::sink();
    let out: &mut dyn Write = if show.quiet {
        &mut sink
    } else if show.output.is_some() {
        &mut into_file
    } else {
        stdout
    };
    let failing = if diff {
        print_diffs(outcome, &report.summary, out, stderr)?
    } else {
        if show.quiet {
            // Nothing is shown: rendering a million findings only to
            // discard them took 10 s.
        } else if show.statistics {
            report::render_statistics(report, show.format == report::Format::Json, out)?;
        } else {
            report::render(show.format, report, show.color, out)?;
        }
        fail_level.is_some_and(|level| {
            report.findings.iter().any(|f| f.severity >= level)
                // A directive that silences nothing is a warning, as ruff's
                // unused-noqa is a finding.
                || (level == crate::diagnostic::Severity::Warning
                    && report.summary.unused_directives > 0)
        })
    };
    if let Some(path) = show.output.as_ref().filter(|_| !show.quiet) {
        crate::fix::replace_file(path, &into_file)
            .with_context(|| format!("cannot write the report to {}", path.display()))?;
    }
    stdout.flush()?;
    Ok(failing)
}

/// Hides the findings the baseline records and warns about its entries that
/// no longer occur in the files checked.
fn apply_baseline(
    report: &mut Report<'_>,
    outcome: &Outcome,
    path: &Path,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut baseline = Baseline::load(path)?;
    report.findings = baseline.filter(std::mem::take(&mut report.findings));
    report.summary = Summary {
        skipped: report.summary.skipped,
        failed: report.summary.failed,
        unused_directives: report.summary.unused_directives,
        ..Summary::count(&report.findings, report.summary.files, report.summary.fixed)
    };
    let checked: HashSet<&str> = outcome.files.iter().map(|f| f.path.as_str()).collect();
    for e in baseline.stale(&|p| checked.contains(p)) {
        writeln!(
            stderr,
            "termlint: warning: {}: baseline entry {} {} \"{}\" ({}) no longer occurs; shrink the baseline with --write-baseline",
            e.path,
            e.rule,
            e.term,
            e.found,
            report::plural(e.count, "finding")
        )?;
    }
    Ok(())
}

/// `--diff`: every file's diff on stdout, a count on stderr. Returns whether
/// there is something to fix.
fn print_diffs(
    outcome: &Outcome,
    summary: &Summary,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<bool> {
    let mut files = 0;
    for f in &outcome.files {
        if let FileOutcome::Checked {
            diff: Some(diff), ..
        } = &f.outcome
        {
            files += 1;
            write!(stdout, "{diff}")?;
        }
    }
    // The count closes the output: the diff must be out before it.
    stdout.flush()?;
    if files == 0 {
        writeln!(stderr, "termlint: nothing to fix")?;
    } else {
        let fixes = match summary.fixed {
            1 => "1 fix".to_owned(),
            n => format!("{n} fixes"),
        };
        writeln!(
            stderr,
            "termlint: {fixes} would be applied to {}; run with --fix",
            report::plural(files, "file")
        )?;
    }
    Ok(files > 0)
}

/// Writes per-file errors, and unless `quiet` warnings and notes, to
/// stderr; returns whether any file failed.
fn print_problems(outcome: &Outcome, stderr: &mut dyn Write, quiet: bool) -> anyhow::Result<bool> {
    for e in &outcome.walk_errors {
        writeln!(stderr, "termlint: {e}")?;
    }
    if !quiet {
        for r in &outcome.recovered {
            writeln!(stderr, "termlint: warning: {r}")?;
        }
        for n in &outcome.notes {
            writeln!(stderr, "termlint: note: {n}")?;
        }
    }
    let mut failed = !outcome.walk_errors.is_empty();
    for f in &outcome.files {
        match &f.outcome {
            // Counted in the summary and listed under --verbose, as
            // ripgrep passes over binary files without a word.
            FileOutcome::Binary => {}
            FileOutcome::Failed(e) => {
                failed = true;
                writeln!(stderr, "termlint: {e}")?;
            }
            FileOutcome::NotFixed { error, .. } => {
                failed = true;
                writeln!(stderr, "termlint: {error}")?;
            }
            FileOutcome::Checked { notes, .. } if !quiet => {
                for note in notes {
                    writeln!(stderr, "termlint: warning: {note}")?;
                }
            }
            FileOutcome::Checked { .. } => {}
        }
    }
    Ok(failed)
}

// Kept whole: one pass over the files' outcomes, counting the summary as findings and sources are
// gathered.
fn build_report<'a>(outcome: &'a Outcome, cwd: &Path) -> Report<'a> {
    let mut findings: Vec<&Finding> = Vec::new();
    let mut sources = HashMap::new();
    let (mut files, mut fixed, mut binary, mut unused) = (0, 0, 0, 0);
    let mut failed = outcome.walk_errors.len();
    for f in &outcome.files {
        let (fs, text) = match &f.outcome {
            FileOutcome::Checked {
                findings,
                text,
                fixed: n,
                unused_directives,
                ..
            } => {
                fixed += n;
                unused += unused_directives;
                (findings, text)
            }
            FileOutcome::NotFixed { findings, text, .. } => {
                failed += 1;
                (findings, text)
            }
            FileOutcome::Binary => {
                binary += 1;
                continue;
            }
            FileOutcome::Failed(_) => {
                failed += 1;
                continue;
            }
        };
        files += 1;
        findings.extend(fs);
        // Lines other files' findings point to are kept too.
        if !fs.is_empty() || !text.is_empty() {
            sources.insert(f.path.as_str(), text);
        }
    }
    for (path, text) in &outcome.sibling_sources {
        sources.insert(path.as_str(), text);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let summary = Summary {
        skipped: outcome.passed.len() + binary,
        failed,
        unused_directives: unused,
        ..Summary::count(&findings, files, fixed)
    };
    let notes = outcome
        .files
        .iter()
        .flat_map(|f| {
            match &f.outcome {
                FileOutcome::Checked { notes, .. } => notes.as_slice(),
                _ => &[],
            }
            .iter()
            .map(|n| report::Note {
                path: &f.path,
                message: n,
            })
        })
        .collect();
    Report {
        findings,
        sources,
        summary,
        base: report::Base::discover(cwd),
        notes,
    }
}

fn report_sets(
    paths: &[std::path::PathBuf],
    glossary: Option<&Path>,
    (format, output, color): (args::ReportFormat, Option<&Path>, args::Color),
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if format == args::ReportFormat::Xlsx && output.is_none() {
        bail!("--format xlsx writes a workbook: name its file with -o report.xlsx");
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let glossary = load_for_checking(glossary, &cwd)?;
    let options = CheckOptions {
        dictionary_search: crate::dictionary::standard_locations(),
        dictionary_cache: crate::dictionary::cache_location(),
        ..CheckOptions::new(RuleSet::new(&glossary, None, &[]))
    };
    let paths = if paths.is_empty() {
        vec![".".into()]
    } else {
        paths.to_vec()
    };
    let checker = Checker::new(&glossary, options);
    let outcome = checker.check_paths(&paths);
    // A cache that cannot be written costs the next run time, nothing else.
    let _ = checker.matcher().dictionaries().remember();
    let failed = print_problems(&outcome, stderr, false)?;
    let matrix = crate::matrix::Matrix::build(&glossary, &outcome);
    // `auto` never colours a file; `always` does.
    let color = settings::use_color(color) && (color == args::Color::Always || output.is_none());
    let bytes = match format {
        args::ReportFormat::Human => crate::matrix::render_text(&matrix, color).into_bytes(),
        args::ReportFormat::Json => {
            let mut json = serde_json::to_vec_pretty(&matrix)?;
            json.push(b'\n');
            json
        }
        args::ReportFormat::Html => crate::matrix::render_html(&matrix).into_bytes(),
        args::ReportFormat::Csv => crate::matrix::render_csv(&matrix).into_bytes(),
        args::ReportFormat::Xlsx => {
            crate::matrix::render_xlsx(&matrix).context("cannot build the workbook")?
        }
    };
    match output {
        Some(path) => crate::fix::replace_file(path, &bytes)
            .with_context(|| format!("cannot write the report to {}", path.display()))?,
        None => stdout.write_all(&bytes)?,
    }
    Ok(if failed {
        ExitStatus::Error
    } else {
        ExitStatus::Ok
    })
}

fn suggest(
    paths: &[std::path::PathBuf],
    glossary: Option<&Path>,
    (options, cache): (crate::suggest::Options, Option<std::path::PathBuf>),
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let glossary = settings::load_glossary_if_any(glossary, &cwd)?;
    let paths = if paths.is_empty() {
        vec![".".into()]
    } else {
        paths.to_vec()
    };
    // The dictionaries `check` reads: its near-misses are what suggest
    // leaves out, and their common words are no names.
    let near_miss = crate::rules::RuleSet::new(&glossary, Some(&[Rule::NearMiss]), &[]);
    let checker = Checker::new(
        &glossary,
        CheckOptions {
            dictionary_search: crate::dictionary::standard_locations(),
            dictionary_cache: cache,
            ..CheckOptions::new(near_miss)
        },
    );
    let suggested = crate::suggest::from_paths(&checker, &paths, options);
    // A cache that cannot be written costs the next run time, nothing else.
    let _ = checker.matcher().dictionaries().remember();
    for e in &suggested.errors {
        writeln!(stderr, "termlint: {e}")?;
    }
    for note in &suggested.notes {
        writeln!(stderr, "termlint: note: {note}")?;
    }
    let failed = !suggested.errors.is_empty();
    write!(stdout, "{}", suggested.toml)?;
    Ok(if failed {
        ExitStatus::Error
    } else {
        ExitStatus::Ok
    })
}

fn explain(rule: Option<&str>, stdout: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let Some(code) = rule else {
        let width = Rule::ALL.iter().map(|r| r.code().len()).max().unwrap_or(0);
        for r in Rule::ALL {
            writeln!(
                stdout,
                "{:<width$}  {:<7}  {}",
                r.code(),
                r.default_severity(),
                r.summary()
            )?;
        }
        return Ok(ExitStatus::Ok);
    };
    let Some(rule) = Rule::from_code(code) else {
        bail!(Rule::unknown(code, "to explain"));
    };
    write!(stdout, "{}", rule.doc())?;
    Ok(ExitStatus::Ok)
}

fn glossary_lint(
    file: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let glossary = settings::load_glossary(file, &cwd)?;
    let path = glossary.path.clone();
    let languages: Vec<String> = glossary
        .languages()
        .iter()
        .map(ToString::to_string)
        .collect();
    let short = match glossary.short_forms {
        0 => String::new(),
        n => format!(" ({} among them)", report::plural(n, "short form")),
    };
    writeln!(
        stdout,
        "{}: ok: {}, {}{short} in {} ({})",
        path.display(),
        report::plural(glossary.terms.len(), "term"),
        report::plural(glossary.rendering_count(), "rendering"),
        report::plural(languages.len(), "language"),
        languages.join(", ")
    )?;
    if glossary.rendering_count() == 0 {
        writeln!(stderr, "termlint: warning: {}", no_renderings(&path))?;
    }
    Ok(ExitStatus::Ok)
}

/// The glossary `check` and `report` use: one without a rendering would
/// pass every document, which is an error, not an all-clear.
fn load_for_checking(named: Option<&Path>, cwd: &Path) -> anyhow::Result<Glossary> {
    let glossary = settings::load_glossary(named, cwd)?;
    if glossary.rendering_count() == 0 {
        bail!(no_renderings(&glossary.path));
    }
    Ok(glossary)
}

fn no_renderings(path: &Path) -> String {
    format!(
        "{}: the glossary has no renderings, so every document would pass; add [[term]] tables with a rendering per language (`termlint suggest` proposes them from your documents, `termlint glossary import` converts a term base)",
        path.display()
    )
}

fn glossary_import(
    file: &Path,
    columns: Option<&[String]>,
    delimiter: Option<u8>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let columns = columns
        .map(|c| interchange::Columns::parse(c.iter().map(String::as_str)))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--columns: {e}"))?;
    let imported = interchange::import(file, columns.as_ref(), delimiter)?;
    for w in &imported.warnings {
        writeln!(stderr, "termlint: warning: {w}")?;
    }
    let name = file.display().to_string();
    let text = interchange::to_toml(&imported, &name);
    write!(stdout, "{text}")?;
    stdout.flush()?;
    // The output is only useful if termlint can load it: say what a
    // terminologist has to resolve (two concepts sharing a name, …), with
    // lines in the printed text.
    match Glossary::from_str(&text, Path::new("imported glossary")) {
        Ok(g) => {
            writeln!(
                stderr,
                "termlint: imported {} with {} from {name}",
                report::plural(g.terms.len(), "term"),
                report::plural(g.rendering_count(), "rendering"),
            )?;
            Ok(ExitStatus::Ok)
        }
        Err(e) => {
            writeln!(
                stderr,
                "termlint: the imported glossary needs changes before termlint can use it (lines are those of the printed glossary):\n{e}"
            )?;
            Ok(ExitStatus::Findings)
        }
    }
}

fn glossary_export(
    file: Option<&Path>,
    format: args::ExportFormat,
    stdout: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let glossary = settings::load_glossary(file, &cwd)?;
    let format = match format {
        args::ExportFormat::Tbx => interchange::Format::Tbx,
        args::ExportFormat::Csv => interchange::Format::Csv,
        args::ExportFormat::Tsv => interchange::Format::Tsv,
    };
    write!(stdout, "{}", interchange::export(&glossary, format))?;
    Ok(ExitStatus::Ok)
}
