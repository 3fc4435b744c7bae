//! Reports: findings, already filtered, severity-resolved and sorted, turned
//! into text. Reporters format; they never decide what counts.
//!
//! Each format has its own module with one `render` entry point writing to any
//! `io::Write`, so every reporter can be tested into a `Vec<u8>`.

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod rdjsonl;
mod sarif;
mod statistics;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::position::{LineIndex, Source};

/// The output formats. Each names the unit its columns count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with the source line and a summary
    Human,
    /// `path:line:col: severity rule message`, one line per finding, for
    /// editors' error lists (columns in characters)
    Concise,
    /// one JSON document with every finding, for scripts (columns in
    /// characters)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    /// (columns in UTF-16 code units)
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request
    /// (columns in UTF-16 code units)
    Github,
    /// reviewdog's line-delimited diagnostic JSON (columns in UTF-8 bytes)
    Rdjsonl,
    /// GitLab Code Quality JSON, for `artifacts: reports: codequality`
    /// (columns in characters)
    Gitlab,
}

/// Counts for the closing line and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read and checked (binary and unreadable files excluded).
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Fixes applied (`--fix`) or that would be (`--diff`).
    pub fixed: usize,
    /// Findings `--fix` would fix.
    pub fixable: usize,
    /// Findings only `--fix --unsafe-fixes` would fix.
    pub fixable_unsafe: usize,
    /// Files a walk passed over: binary files, not documents, links.
    pub skipped: usize,
    /// Paths that could not be checked (unreadable, not UTF-8, unparsable)
    /// or whose fixes could not be written; their errors are on stderr.
    pub failed: usize,
    /// `termlint: ignore` directives that silenced nothing.
    pub unused_directives: usize,
}

impl Summary {
    pub fn count(findings: &[&Finding], files: usize, fixed: usize) -> Summary {
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let fixable = |a| {
            findings
                .iter()
                .filter(|f| f.fix().as_ref().is_some_and(|x| x.applicability == a))
                .count()
        };
        Summary {
            files,
            errors,
            warnings: findings.len() - errors,
            fixed,
            fixable: fixable(Applicability::Safe),
            fixable_unsafe: fixable(Applicability::Unsafe),
            skipped: 0,
            failed: 0,
            unused_directives: 0,
        }
    }
}

/// Everything a reporter needs.
pub struct Report<'a> {
    pub findings: Vec<&'a Finding>,
    /// Text of each document with findings, by path.
    /// The lines of each file with findings.
    pub sources: HashMap<&'a str, &'a Source>,
    pub summary: Summary,
    /// Where finding paths are relative to, and the repository root that
    /// SARIF and GitHub want paths relative to.
    pub base: Base,
    /// Notes on files that are not findings (a language guessed against the
    /// text's script, a directive that silenced nothing), in path order.
    /// Human output prints them on stderr; JSON, SARIF and GitHub carry them.
    pub notes: Vec<Note<'a>>,
}

/// A note on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    pub path: &'a str,
    /// The whole note, as stderr shows it (it starts with the path).
    pub message: &'a str,
}

/// The directories paths are resolved against. Computed once by the CLI, so
/// reporters never touch the file system.
#[derive(Debug, Clone, Default)]
pub struct Base {
    /// The working directory, absolute.
    pub cwd: PathBuf,
    /// The repository root (the nearest folder upward holding `.git`), or
    /// the working directory when there is none.
    pub root: PathBuf,
}

impl Base {
    /// The base for `cwd`: the repository around it, if any.
    pub fn discover(cwd: &Path) -> Base {
        let root = cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(cwd);
        Base {
            cwd: cwd.to_path_buf(),
            root: root.to_path_buf(),
        }
    }

    /// `path` (as found, relative to the working directory or absolute)
    /// relative to the repository root with `/` separators, or `None` when it
    /// lies outside the root. Purely lexical: `..` is resolved, links are not.
    pub fn repo_relative(&self, path: &str) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        for c in self.cwd.join(path).components() {
            match c {
                Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
                Component::ParentDir => {
                    parts.pop();
                }
                Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            }
        }
        let root: Vec<String> = self
            .root
            .components()
            .filter_map(|c| match c {
                Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        parts
            .starts_with(&root)
            .then(|| parts[root.len()..].join("/"))
    }
}

/// Calls `each` with every finding and a line index of the excerpt of its
/// document it lies in, building one index per excerpt (findings arrive
/// sorted by path, then position).
fn for_each_located<'a>(
    report: &Report<'a>,
    mut each: impl FnMut(&'a Finding, &LineIndex<'a>) -> io::Result<()>,
) -> io::Result<()> {
    let mut index: Option<(&str, Option<usize>, LineIndex<'a>)> = None;
    // Findings come sorted by path: the source is looked up once per file.
    let mut current: Option<(&str, &'a Source)> = None;
    for &f in &report.findings {
        let source = match current {
            Some((path, s)) if *path == *f.path() => s,
            _ => {
                let s = report
                    .sources
                    .get(f.path())
                    .copied()
                    .unwrap_or(Source::empty());
                current = Some((f.path(), s));
                s
            }
        };
        let part = source.part_at(f.range.start);
        if index
            .as_ref()
            .is_none_or(|(p, at, _)| *p != f.path() || *at != part)
        {
            let idx = part
                .and_then(|n| source.index(n))
                .unwrap_or_else(|| LineIndex::new(""));
            index = Some((f.path(), part, idx));
        }
        if let Some((_, _, idx)) = &index {
            each(f, idx)?;
        }
    }
    Ok(())
}

/// Where a related place is, as a reporter shows it: its start and end, or
/// `None` if the run kept none of its lines.
pub(crate) fn locate(
    report: &Report<'_>,
    related: &crate::diagnostic::Related,
    unit: crate::position::ColumnUnit,
) -> Option<(crate::position::Position, crate::position::Position)> {
    let source = report.sources.get(related.path.as_str())?;
    let idx = source.index(source.part_at(related.range.start)?)?;
    Some((
        idx.position_in(related.range.start, unit),
        idx.position_in(related.range.end, unit),
    ))
}

/// Writes `report` in `format`; `color` only affects human output.
pub fn render(
    format: Format,
    report: &Report<'_>,
    color: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, color, w),
        Format::Concise => concise::render(report, w),
        Format::Json => json::render(report, w),
        Format::Sarif => sarif::render(report, w),
        Format::Github => github::render(report, w),
        Format::Rdjsonl => rdjsonl::render(report, w),
        Format::Gitlab => gitlab::render(report, w),
    }
}

/// `--statistics`: counts per rule and per term instead of the findings,
/// as text or (`json`) as one JSON document.
pub fn render_statistics(report: &Report<'_>, json: bool, w: &mut dyn Write) -> io::Result<()> {
    if json {
        statistics::render_json(report, w)
    } else {
        statistics::render(report, w)
    }
}

/// Fingerprints of findings that stay the same when text moves: FNV-1a 64
/// of the rule, path, term, text found and how many times the same finding
/// occurred before it in the file, never a line number. SARIF's
/// `partialFingerprints` and GitLab's `fingerprint`; stable across releases
/// and platforms, which `std`'s hasher does not promise.
#[derive(Default)]
pub(crate) struct Fingerprints<'a> {
    seen: HashMap<(&'static str, &'a str, &'a str, &'a str), usize>,
}

impl<'a> Fingerprints<'a> {
    /// The fingerprint of `f`, the next finding in document order.
    pub(crate) fn of(&mut self, f: &'a Finding) -> String {
        let n = self
            .seen
            .entry((f.rule.code(), f.path(), f.term(), f.found()))
            .or_insert(0);
        *n += 1;
        fingerprint(&[f.rule.code(), f.path(), f.term(), f.found()], *n)
    }
}

/// FNV-1a 64 of `fields` and `occurrence`, each ended by a zero byte.
fn fingerprint(fields: &[&str], occurrence: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let occurrence = occurrence.to_string();
    for field in fields.iter().chain([&occurrence.as_str()]) {
        for b in field.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// `1 error`, `2 warnings`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod fingerprint_tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_depend_on_every_field() {
        let a = fingerprint(&["forbidden", "a.md", "astana", "Astana"], 1);
        assert_eq!(
            a,
            fingerprint(&["forbidden", "a.md", "astana", "Astana"], 1)
        );
        assert_ne!(
            a,
            fingerprint(&["forbidden", "a.md", "astana", "Astana"], 2)
        );
        assert_ne!(
            a,
            fingerprint(&["forbidden", "a.md", "astanaA", "stana"], 1)
        );
    }
}
