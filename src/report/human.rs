//! `--format human`: rustc/ruff-style diagnostics.
//!
//! ```text
//! error[forbidden]: "Birlistik-2024" is a forbidden rendering of Birlestik-2024 (event)
//!  --> fixtures/seeds/news-report.txt:3:220
//! ```
//!
//! then the source line with the span underlined, a `help:` line with the
//! replacement, and one summary line at the end. Colour only when asked (the
//! CLI decides from the terminal, `NO_COLOR` and `--color`).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{for_each_located, plural, Report};
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::position::LineIndex;

pub(super) fn render(report: &Report<'_>, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for_each_located(report, |f, idx| {
        let notes = related_notes(report, f);
        writeln!(w, "{}\n", renderer.render(&diagnostic(f, idx, &notes)))
    })?;
    writeln!(w, "{}", summary_line(report))
}

/// A `note:` line per related place: "memory.tmx:7:50: the unit's source
/// names … here".
fn related_notes(report: &Report<'_>, f: &Finding) -> Vec<String> {
    f.related()
        .iter()
        .map(
            |r| match super::locate(report, r, crate::position::ColumnUnit::Chars) {
                Some((p, _)) => format!("{}:{}:{}: {}", r.path, p.line, p.column, r.message),
                None => format!("{}: {}", r.path, r.message),
            },
        )
        .collect()
}

fn diagnostic<'a>(f: &'a Finding, idx: &LineIndex<'a>, notes: &'a [String]) -> Vec<Group<'a>> {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let (first, last) = (
        idx.position(f.range.start).line,
        idx.position(f.range.end).line,
    );
    let lines = idx.line_range(first).start..idx.line_range(last).end.max(f.range.end);
    let span = f.range.start - lines.start..f.range.end - lines.start;
    let snippet = Snippet::source(idx.slice(lines))
        .line_start(first)
        .path(f.path())
        .annotation(AnnotationKind::Primary.span(span));
    let mut title = level
        .primary_title(f.message())
        .id(f.rule.code())
        .element(snippet);
    if let Some(fix) = &f.fix() {
        let help = match fix.applicability {
            Applicability::Safe => format!("replace with \"{}\"", fix.replacement),
            Applicability::Unsafe => format!("consider \"{}\"", fix.replacement),
        };
        title = title.element(Level::HELP.message(help));
    }
    for note in notes {
        title = title.element(Level::NOTE.message(note.as_str()));
    }
    vec![title]
}

fn summary_line(report: &Report<'_>) -> String {
    let s = report.summary;
    let files = plural(s.files, "file");
    let found = match (s.errors, s.warnings) {
        // "No findings" would read as "all clear" when a file was not read.
        (0, 0) if s.failed > 0 && s.files == 0 => "No file was checked.".to_owned(),
        (0, 0) if s.failed > 0 => format!("No findings in the {files} checked."),
        (0, 0) => format!("No findings in {files}."),
        (e, 0) => format!("Found {} in {files}.", plural(e, "error")),
        (0, w) => format!("Found {} in {files}.", plural(w, "warning")),
        (e, w) => format!(
            "Found {} and {} in {files}.",
            plural(e, "error"),
            plural(w, "warning")
        ),
    };
    let mut lines = Vec::new();
    if s.fixed > 0 {
        lines.push(format!("Fixed {}.", plural(s.fixed, "finding")));
    }
    lines.push(found);
    if s.failed > 0 {
        lines.push(format!(
            "{} could not be checked: see the errors above.",
            match s.failed {
                1 => "1 path".to_owned(),
                n => format!("{n} paths"),
            }
        ));
    }
    if s.unused_directives > 0 {
        lines.push(format!(
            "{} silenced nothing: see the warnings above.",
            match s.unused_directives {
                1 => "1 termlint directive".to_owned(),
                n => format!("{n} termlint directives"),
            }
        ));
    }
    if s.skipped > 0 {
        lines.push(format!(
            "Skipped {}: binary, not documents, or links (--verbose lists them).",
            plural(s.skipped, "file")
        ));
    }
    match (s.fixable, s.fixable_unsafe) {
        (0, 0) => {}
        (0, u) => lines.push(format!("{u} fixable with --fix --unsafe-fixes.")),
        (n, 0) => lines.push(format!("{n} fixable with --fix.")),
        (n, u) => lines.push(format!(
            "{n} fixable with --fix ({u} more with --unsafe-fixes)."
        )),
    }
    lines.join("\n")
}
