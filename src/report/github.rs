//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's changed lines:
//!
//! ```text
//! ::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=19,title=termlint forbidden::message
//! ```
//!
//! Paths are relative to the repository root (what GitHub matches against),
//! columns count UTF-16 code units (what its web viewer indexes by). GitHub
//! shows at most 10 error and 10 warning annotations per step and drops the
//! rest silently, so past that cap findings are printed as plain log lines
//! and a closing notice says how many were not annotated.

use std::io::{self, Write};

use super::{for_each_located, plural, Report};
use crate::diagnostic::Severity;
use crate::position::ColumnUnit;

/// Annotations GitHub shows per step, for each of errors and warnings.
pub(super) const ANNOTATION_CAP: usize = 10;

// Kept whole: one annotation per finding, with the cap and the summary counted in the same loop.
pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let (mut errors, mut warnings, mut plain) = (0, 0, 0);
    for_each_located(report, |f, idx| {
        let shown = match f.severity {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
        };
        *shown += 1;
        let (start, end) = (
            idx.position_in(f.range.start, ColumnUnit::Utf16),
            idx.position_in(f.range.end, ColumnUnit::Utf16),
        );
        let file = report
            .base
            .repo_relative(f.path())
            .unwrap_or_else(|| f.path().to_owned());
        if *shown > ANNOTATION_CAP {
            plain += 1;
            let at = idx.position_in(f.range.start, ColumnUnit::Chars);
            return writeln!(
                w,
                "{file}:{}:{}: {} {} {}",
                at.line,
                at.column,
                f.severity,
                f.rule,
                escape_data(f.message())
            );
        }
        // Columns only make sense on one line; GitHub ignores them otherwise.
        let columns = if start.line == end.line {
            format!(",col={},endColumn={}", start.column, end.column)
        } else {
            String::new()
        };
        writeln!(
            w,
            "::{} file={},line={},endLine={}{columns},title={}::{}",
            f.severity,
            escape_property(&file),
            start.line,
            end.line,
            escape_property(&format!("termlint {}", f.rule)),
            escape_data(f.message())
        )
    })?;
    if plain > 0 {
        writeln!(
            w,
            "::notice title=termlint::{} not shown as annotations (GitHub shows {ANNOTATION_CAP} errors and {ANNOTATION_CAP} warnings per step); they are listed in this log above",
            plural(plain, "more finding")
        )?;
    }
    for n in &report.notes {
        let file = report
            .base
            .repo_relative(n.path)
            .unwrap_or(n.path.to_owned());
        writeln!(
            w,
            "::warning file={},title={}::{}",
            escape_property(&file),
            escape_property("termlint note"),
            escape_data(n.message)
        )?;
    }
    let s = report.summary;
    writeln!(
        w,
        "termlint: {} and {} in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.files, "file")
    )
}

/// A command's message: `%`, CR and LF are escaped, as the runner requires.
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which would end the value.
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn escapes_what_the_runner_decodes() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
