//! Reports: findings, already filtered, severity-resolved and sorted, turned
//! into text. Reporters format; they never decide what counts.
//!
//! Each format has its own module with one `render` entry point writing to any
//! `io::Write`, so every reporter can be tested into a `Vec<u8>`.

mod human;
mod json;

use std::collections::HashMap;
use std::io::{self, Write};

use crate::diagnostic::{Applicability, Finding, Severity};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source line and a summary
    Human,
    /// one JSON document with every finding, for scripts
    Json,
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
                .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability == a))
                .count()
        };
        Summary {
            files,
            errors,
            warnings: findings.len() - errors,
            fixed,
            fixable: fixable(Applicability::Safe),
            fixable_unsafe: fixable(Applicability::Unsafe),
        }
    }
}

/// Everything a reporter needs.
pub struct Report<'a> {
    pub findings: Vec<&'a Finding>,
    /// Text of each document with findings, by path.
    pub sources: HashMap<&'a str, &'a str>,
    pub summary: Summary,
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
        Format::Json => json::render(report, w),
    }
}

/// `1 error`, `2 warnings`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
