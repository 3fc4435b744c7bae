//! `--format json`: SPEC §4, with its own serde types so that internal
//! changes cannot silently change the contract.

use std::io::{self, Write};

use serde::Serialize;

use super::{for_each_located, Report};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    found: &'a str,
    term: &'a str,
    language: &'a str,
    expected: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
}

pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut findings = Vec::with_capacity(report.findings.len());
    for_each_located(report, |f, idx| {
        let (start, end) = (idx.position(f.range.start), idx.position(f.range.end));
        findings.push(JsonFinding {
            rule: f.rule.code(),
            severity: f.severity.as_str(),
            path: &f.path,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: f.range.start,
            byte_end: f.range.end,
            found: &f.found,
            term: &f.term,
            language: f.language.as_str(),
            expected: f.expected.as_deref(),
            message: &f.message,
        });
        Ok(())
    })?;
    let doc = JsonReport {
        version: 1,
        findings,
        summary: JsonSummary {
            files: report.summary.files,
            errors: report.summary.errors,
            warnings: report.summary.warnings,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
