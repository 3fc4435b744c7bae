//! `--format rdjsonl`: reviewdog's diagnostic format, one JSON object per
//! line (`reviewdog -f=rdjsonl`). reviewdog counts columns in UTF-8 bytes, so
//! that is what this writes. Fixes become `suggestions`, which reviewdog
//! posts as suggested changes on the pull request.

use std::io::{self, Write};

use serde::Serialize;

use super::{for_each_located, Report};
use crate::position::{ColumnUnit, LineIndex};

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn range(idx: &LineIndex<'_>, bytes: &std::ops::Range<usize>) -> Range {
    let at = |offset| {
        let p = idx.position_in(offset, ColumnUnit::Utf8Bytes);
        Position {
            line: p.line,
            column: p.column,
        }
    };
    Range {
        start: at(bytes.start),
        end: at(bytes.end),
    }
}

pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    for_each_located(report, |f, idx| {
        let diagnostic = Diagnostic {
            message: f.message(),
            location: Location {
                path: f.path(),
                range: range(idx, &f.range),
            },
            severity: match f.severity {
                crate::diagnostic::Severity::Error => "ERROR",
                crate::diagnostic::Severity::Warning => "WARNING",
            },
            source: Source { name: "termlint" },
            code: Code {
                value: f.rule.code(),
            },
            suggestions: f
                .fix()
                .iter()
                .map(|fix| Suggestion {
                    range: range(idx, &f.range),
                    text: &fix.replacement,
                })
                .collect(),
        };
        serde_json::to_writer(&mut *w, &diagnostic)?;
        writeln!(w)
    })
}
