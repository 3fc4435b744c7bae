//! `--format sarif`: one SARIF 2.1.0 log with one run, for GitHub code
//! scanning and other SARIF viewers.
//!
//! - `tool.driver.rules` lists every rule with its summary and its full
//!   documentation as help; results point at rules by id and index.
//! - Columns count UTF-16 code units, and the run says so (`columnKind`).
//! - Artifact URIs are relative to the repository root (`%SRCROOT%`).
//! - `partialFingerprints` are [`super::Fingerprints`]: never a line number,
//!   so moving a paragraph does not turn old alerts into new ones.
//! - Fixes carry the replacement for the finding's region.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{for_each_located, Report};
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::position::{ColumnUnit, LineIndex};
use crate::rule::Rule;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const ROOT: &str = "%SRCROOT%";

/// Writes the log as `serde_json` writes it pretty (keys in order, two
/// spaces a level), with its results written one at a time as they are
/// made: held as one tree, the results of 25,000 findings took 450 MB.
pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "originalUriBaseIds": {
                ROOT: { "uri": directory_uri(&report.base.root.to_string_lossy()) }
            },
            "columnKind": "utf16CodeUnits",
            "results": [RESULTS],
        }]
    });
    // Only with notes: a log without them is what it always was.
    if !report.notes.is_empty() {
        log["runs"][0]["invocations"] = json!([invocation(report)]);
    }
    let frame = serde_json::to_string_pretty(&log)?;
    // The results array, `[\n        "…"\n      ]`, is cut out of the frame
    // and written in its place.
    let marker = serde_json::to_string(RESULTS)?;
    let at = frame
        .find(&marker)
        .ok_or_else(|| io::Error::other("SARIF frame"))?;
    let open = frame[..at]
        .rfind('[')
        .ok_or_else(|| io::Error::other("SARIF frame"))?;
    let close = at
        + frame[at..]
            .find(']')
            .ok_or_else(|| io::Error::other("SARIF frame"))?;
    // The indentation of the line the array's `]` is on: the array's own.
    let indent = &frame[frame[..close].rfind('\n').map_or(0, |n| n + 1)..close];
    w.write_all(&frame.as_bytes()[..open])?;
    write_results(report, indent, w)?;
    w.write_all(&frame.as_bytes()[close + 1..])?;
    writeln!(w)
}

/// The results array, its `]` at `indent`: `[]` if there are none.
fn write_results(report: &Report<'_>, indent: &str, w: &mut dyn Write) -> io::Result<()> {
    if report.findings.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let mut fingerprints = super::Fingerprints::default();
    let mut first = true;
    let mut one = Vec::new();
    for_each_located(report, |f, idx| {
        let fingerprint = fingerprints.of(f);
        one.clear();
        serde_json::to_writer_pretty(&mut one, &result(report, f, idx, fingerprint))?;
        w.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        // Each line one level deeper than the array; a JSON string holds
        // no line break of its own.
        for (k, line) in one.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                w.write_all(b"\n")?;
            }
            w.write_all(indent.as_bytes())?;
            w.write_all(b"  ")?;
            w.write_all(line)?;
        }
        Ok(())
    })?;
    w.write_all(b"\n")?;
    w.write_all(indent.as_bytes())?;
    w.write_all(b"]")
}

/// What stands for the results in the log's frame: with NUL characters,
/// which no path and no message of a note holds.
const RESULTS: &str = "\u{0}termlint results\u{0}";

/// The run's invocation, with each note as a tool execution notification
/// on its file.
fn invocation(report: &Report<'_>) -> Value {
    let notes: Vec<Value> = report
        .notes
        .iter()
        .map(|n| {
            json!({
                "level": "warning",
                "message": { "text": n.message },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(report, n.path) } }],
            })
        })
        .collect();
    json!({
        "executionSuccessful": true,
        "toolExecutionNotifications": notes,
    })
}

fn driver() -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code(),
                "name": rule_name(*rule),
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.summary() },
                "help": { "text": rule.doc(), "markdown": rule.doc() },
                "defaultConfiguration": { "level": level(rule.default_severity()) },
            })
        })
        .collect();
    json!({
        "name": "termlint",
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

// Kept whole: one SARIF result object, built field by field.
fn result(report: &Report<'_>, f: &Finding, idx: &LineIndex<'_>, fingerprint: String) -> Value {
    let location = artifact_location(report, f.path());
    let region = region(idx, f);
    let mut result = json!({
        "ruleId": f.rule.code(),
        "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
        "level": level(f.severity),
        "message": { "text": f.message() },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location.clone(),
                "region": region.clone(),
            }
        }],
        "partialFingerprints": {
            "termlint/v1": fingerprint,
        },
        "properties": {
            "term": f.term(),
            "language": f.language().as_str(),
            "expected": f.expected(),
        },
    });
    if !f.related().is_empty() {
        let related: Vec<Value> = f
            .related()
            .iter()
            .enumerate()
            .map(|(id, r)| {
                let mut region = json!({
                    "byteOffset": r.range.start,
                    "byteLength": r.range.len(),
                });
                if let Some((start, end)) = super::locate(report, r, ColumnUnit::Utf16) {
                    region["startLine"] = start.line.into();
                    region["startColumn"] = start.column.into();
                    region["endLine"] = end.line.into();
                    region["endColumn"] = end.column.into();
                }
                json!({
                    "id": id,
                    "physicalLocation": {
                        "artifactLocation": artifact_location(report, &r.path),
                        "region": region,
                    },
                    "message": { "text": r.message },
                })
            })
            .collect();
        result["relatedLocations"] = related.into();
    }
    if let Some(fix) = &f.fix() {
        let how = match fix.applicability {
            Applicability::Safe => "Replace",
            Applicability::Unsafe => "Review, then replace",
        };
        result["fixes"] = json!([{
            "description": { "text": format!("{how} \"{}\" with \"{}\"", f.found(), fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": region,
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    result
}

fn region(idx: &LineIndex<'_>, f: &Finding) -> Value {
    let start = idx.position_in(f.range.start, ColumnUnit::Utf16);
    let end = idx.position_in(f.range.end, ColumnUnit::Utf16);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": f.range.start,
        "byteLength": f.range.len(),
        "snippet": { "text": f.found() },
    })
}

/// Relative to the repository root when the file lies inside it, else an
/// absolute `file:` URI.
fn artifact_location(report: &Report<'_>, path: &str) -> Value {
    match report.base.repo_relative(path) {
        Some(relative) => json!({ "uri": encode_uri_path(&relative), "uriBaseId": ROOT }),
        None => {
            let absolute = report.base.cwd.join(path);
            json!({ "uri": format!("file://{}", encode_uri_path(&absolute.to_string_lossy().replace('\\', "/"))) })
        }
    }
}

fn directory_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_end_matches('/');
    let slash = if path.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}/", encode_uri_path(path))
}

/// Percent-encodes everything but unreserved characters and `/`, so file
/// names with spaces or in Cyrillic make valid URI references.
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// SARIF rule names are PascalCase identifiers by convention.
fn rule_name(rule: Rule) -> String {
    rule.code()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|first| first.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{directory_uri, encode_uri_path, rule_name};
    use crate::rule::Rule;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            encode_uri_path("docs/ru/Астана 1.md"),
            "docs/ru/%D0%90%D1%81%D1%82%D0%B0%D0%BD%D0%B0%201.md"
        );
        assert_eq!(directory_uri("/work/repo"), "file:///work/repo/");
    }

    #[test]
    fn rule_names() {
        assert_eq!(rule_name(Rule::NearMiss), "NearMiss");
        assert_eq!(rule_name(Rule::Forbidden), "Forbidden");
    }
}
