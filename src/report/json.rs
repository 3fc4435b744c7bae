//! `--format json`: SPEC §4, with its own serde types so that internal
//! changes cannot silently change the contract.

use std::io::{self, Write};

use serde::Serialize;

use super::{for_each_located, Report};
use crate::diagnostic::Finding;
use crate::position::Position;

/// The whole document as one value: what [`write_pretty`] writes, in
/// parallel, byte for byte (tested).
#[cfg(test)]
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<JsonNote<'a>>,
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
    /// Places that explain the finding; only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

/// A related place: the path, and where in it when the run kept its line.
#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    /// Files a walk passed over (binary, not documents, links); only when
    /// some were.
    #[serde(skip_serializing_if = "is_zero")]
    skipped: usize,
    /// Paths that could not be checked; only when some could not.
    #[serde(skip_serializing_if = "is_zero")]
    failed: usize,
    /// Directives that silenced nothing (each is in `notes`).
    #[serde(skip_serializing_if = "is_zero")]
    unused_directives: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

// Kept whole: most of its length is the one JsonFinding literal.
pub(super) fn render<'r>(report: &Report<'r>, w: &mut dyn Write) -> io::Result<()> {
    // Positions are counted in order, file by file; each finding's JSON
    // value is made only when its chunk is rendered, so a million findings
    // hold 40 bytes each here, not a 200-byte value each (issue 26).
    let mut located = Vec::with_capacity(report.findings.len());
    for_each_located(report, |f, idx| {
        located.push((f, idx.position(f.range.start), idx.position(f.range.end)));
        Ok(())
    })?;
    let findings = Findings {
        items: &located,
        to_json: |&(f, start, end): &(&'r Finding, Position, Position)| JsonFinding {
            rule: f.rule.code(),
            severity: f.severity.as_str(),
            path: f.path(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: f.range.start,
            byte_end: f.range.end,
            found: f.found(),
            term: f.term(),
            language: f.language().as_str(),
            expected: f.expected(),
            message: f.message(),
            related: f
                .related()
                .iter()
                .map(|r| {
                    let at = super::locate(report, r, crate::position::ColumnUnit::Chars);
                    JsonRelated {
                        path: &r.path,
                        line: at.map(|(p, _)| p.line),
                        column: at.map(|(p, _)| p.column),
                        byte_start: r.range.start,
                        byte_end: r.range.end,
                        message: &r.message,
                    }
                })
                .collect(),
        },
    };
    let summary = JsonSummary {
        files: report.summary.files,
        errors: report.summary.errors,
        warnings: report.summary.warnings,
        skipped: report.summary.skipped,
        failed: report.summary.failed,
        unused_directives: report.summary.unused_directives,
    };
    let notes: Vec<JsonNote<'_>> = report
        .notes
        .iter()
        .map(|n| JsonNote {
            path: n.path,
            message: n.message,
        })
        .collect();
    write_pretty(&findings, &summary, &notes, w)
}

/// The findings to write, each made into its JSON value when written.
struct Findings<'s, T, F> {
    items: &'s [T],
    to_json: F,
}

/// Findings rendered per thread, this many at a time.
const CHUNK: usize = 1024;

/// Findings rendered before they are written.
fn batch() -> usize {
    CHUNK * 4 * rayon::current_num_threads()
}

/// What `serde_json::to_writer_pretty` writes for the whole report, byte
/// for byte, with the findings serialised in parallel: a run with 200,000
/// findings spent most of its last, single-threaded, fifth here. Each
/// finding is rendered on its own and indented one level more; JSON
/// strings never hold a raw newline, so indenting after each newline is
/// exact (tested against the whole-document serialisation).
fn write_pretty<'a, T: Sync, F: Fn(&T) -> JsonFinding<'a> + Sync>(
    findings: &Findings<'_, T, F>,
    summary: &JsonSummary,
    notes: &[JsonNote<'_>],
    w: &mut dyn Write,
) -> io::Result<()> {
    use rayon::prelude::*;
    w.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
    // A few chunks per thread are rendered, then written, then the next
    // few: the rendered document is never held whole (37 MB for 53,000
    // findings).
    let (items, to_json) = (findings.items, &findings.to_json);
    for (b, findings) in items.chunks(batch()).enumerate() {
        let chunks: Vec<io::Result<Vec<u8>>> = findings
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(n, chunk)| {
                let mut out = Vec::with_capacity(chunk.len() * 512);
                for (k, f) in chunk.iter().enumerate() {
                    let first = b == 0 && n == 0 && k == 0;
                    out.extend_from_slice(if first { b"\n" } else { b",\n" });
                    indented(&mut out, &to_json(f), 4)?;
                }
                Ok(out)
            })
            .collect();
        for chunk in chunks {
            w.write_all(&chunk?)?;
        }
    }
    if !items.is_empty() {
        w.write_all(b"\n  ")?;
    }
    w.write_all(b"],\n  \"summary\": ")?;
    let mut out = Vec::new();
    indented(&mut out, summary, 2)?;
    w.write_all(out.trim_ascii_start())?;
    // Notes only when there are some: output without them is unchanged.
    if !notes.is_empty() {
        w.write_all(b",\n  \"notes\": ")?;
        let mut out = Vec::new();
        indented(&mut out, &notes, 2)?;
        w.write_all(out.trim_ascii_start())?;
    }
    w.write_all(b"\n}\n")
}

/// `value` pretty-printed as serde_json's `to_writer_pretty` does, each
/// line indented by `by` spaces more, straight into `out`.
fn indented(out: &mut Vec<u8>, value: &impl Serialize, by: usize) -> io::Result<()> {
    let pad = &b"        "[..by];
    out.extend_from_slice(pad);
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        Nested {
            pad,
            level: 0,
            has_value: false,
        },
    );
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// serde_json's `PrettyFormatter` (two spaces a level) starting `pad` to
/// the right: rendering a finding and then indenting a copy of it was a
/// tenth of the cost of a finding.
struct Nested<'p> {
    pad: &'p [u8],
    level: usize,
    has_value: bool,
}

impl Nested<'_> {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        w.write_all(self.pad)?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Nested<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{write_pretty, JsonFinding, JsonNote, JsonReport, JsonSummary};

    fn finding(message: &'static str) -> JsonFinding<'static> {
        JsonFinding {
            rule: "forbidden",
            severity: "error",
            path: "docs/a \"b\".md",
            line: 3,
            column: 14,
            end_line: 4,
            end_column: 2,
            byte_start: 40,
            byte_end: 52,
            found: "Alat\nPort",
            term: "alat",
            language: "uz-Latn",
            expected: None,
            message,
            // Some with a related place, some without.
            related: if message.len() % 2 == 0 {
                Vec::new()
            } else {
                vec![super::JsonRelated {
                    path: "docs/b.md",
                    line: Some(2),
                    column: None,
                    byte_start: 3,
                    byte_end: 9,
                    message: "writes \"Alat\"",
                }]
            },
        }
    }

    /// The parallel rendering is what serde_json writes for the whole
    /// document, for no finding, one, and more than a chunk.
    #[test]
    fn parallel_rendering_is_the_whole_document_rendering() {
        for n in [0, 1, 2, super::CHUNK + 3, super::batch() + 3] {
            let notes: Vec<JsonNote<'_>> = (0..n % 3)
                .map(|_| JsonNote {
                    path: "a.txt",
                    message: "a.txt: checked as en, but \"its\" text is Cyrillic",
                })
                .collect();
            let make = |&i: &usize| {
                finding(if i % 2 == 0 {
                    "«Oʻzbekiston»\t\u{1F600}"
                } else {
                    "line\nbreak"
                })
            };
            let items: Vec<usize> = (0..n).collect();
            let findings: Vec<JsonFinding<'_>> = items.iter().map(make).collect();
            let mut got = Vec::new();
            write_pretty(
                &super::Findings {
                    items: &items,
                    to_json: make,
                },
                &JsonSummary {
                    files: 2,
                    errors: n,
                    warnings: 0,
                    skipped: n % 2,
                    failed: n % 2,
                    unused_directives: n % 3,
                },
                &notes,
                &mut got,
            )
            .unwrap();
            let doc = JsonReport {
                version: 1,
                findings,
                summary: JsonSummary {
                    files: 2,
                    errors: n,
                    warnings: 0,
                    skipped: n % 2,
                    failed: n % 2,
                    unused_directives: n % 3,
                },
                notes,
            };
            let mut want = serde_json::to_vec_pretty(&doc).unwrap();
            want.push(b'\n');
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap(),
                "{n} findings"
            );
        }
    }
}
