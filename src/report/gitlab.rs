//! `--format gitlab`: GitLab Code Quality, the JSON array a CI job uploads
//! with `artifacts: reports: codequality`, shown in the merge request's
//! Code Quality widget and its changes tab.
//!
//! Each finding is an issue with the fields GitLab documents
//! (<https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>):
//! `description`, `check_name` (the rule), `fingerprint` (stable when text
//! moves, like SARIF's), `severity` (error → major, warning → minor) and
//! `location` with the path relative to the repository root and the line
//! and column where the finding begins and ends (columns in characters).

use std::io::{self, Write};

use serde::Serialize;

use super::{for_each_located, Report};
use crate::diagnostic::{Applicability, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
    #[serde(rename = "type")]
    kind: &'static str,
    categories: [&'static str; 1],
    engine_name: &'static str,
    content: Content<'a>,
}

#[derive(Serialize)]
struct Content<'a> {
    body: &'a str,
}

#[derive(Serialize)]
struct Location {
    path: String,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::with_capacity(report.findings.len());
    let mut fingerprints = super::Fingerprints::default();
    for_each_located(report, |f, idx| {
        let (start, end) = (idx.position(f.range.start), idx.position(f.range.end));
        let help = f
            .fix()
            .as_ref()
            .map_or_else(String::new, |fix| match fix.applicability {
                Applicability::Safe => format!(" (replace with \"{}\")", fix.replacement),
                Applicability::Unsafe => format!(" (consider \"{}\")", fix.replacement),
            });
        issues.push(Issue {
            description: format!("{}{help}", f.message()),
            check_name: f.rule.code(),
            fingerprint: fingerprints.of(f),
            severity: match f.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            location: Location {
                // GitLab resolves paths from the repository root.
                path: report
                    .base
                    .repo_relative(f.path())
                    .unwrap_or_else(|| f.path().to_owned()),
                positions: Positions {
                    begin: Position {
                        line: start.line,
                        column: start.column,
                    },
                    end: Position {
                        line: end.line,
                        column: end.column,
                    },
                },
            },
            kind: "issue",
            categories: ["Style"],
            engine_name: "termlint",
            content: Content {
                body: f.rule.summary(),
            },
        });
        Ok(())
    })?;
    serde_json::to_writer_pretty(&mut *w, &issues)?;
    writeln!(w)
}
