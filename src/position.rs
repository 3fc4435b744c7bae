//! Byte offsets → lines and columns, computed at the edge.
//!
//! Findings store byte ranges only; reporters ask a [`LineIndex`] for the
//! line and column in their format's unit. Lines end at `\n` (so `\r\n` files
//! count lines correctly and `\r` never shifts a column). Columns are 1-based
//! and count Unicode scalar values (SPEC §4). A UTF-8 byte-order mark is not
//! part of line 1's columns: editors do not show it.

use std::cell::Cell;
use std::ops::Range;

/// Line starts of one text, or of an excerpt of one ([`Source`]).
pub struct LineIndex<'a> {
    text: &'a str,
    /// Where `text` starts in its document and the line it starts on: an
    /// excerpt is indexed in its document's own offsets and line numbers.
    base: usize,
    first_line: usize,
    /// Byte offset in `text` where each line starts; the first skips a BOM
    /// (at the start of a document only).
    starts: Vec<usize>,
    /// The last column computed in each unit: (offset, column). Reporters
    /// ask in increasing order, so on a 200 MB line without a newline each
    /// lookup counts on from the previous one instead of from the line's
    /// start, which would be quadratic.
    last: [Cell<(usize, usize)>; 3],
}

/// What a column counts. Each output format states its own: SPEC §4 JSON
/// and human output count scalar values, SARIF and GitHub UTF-16 code units
/// (what their JavaScript viewers index by), reviewdog UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    Chars,
    Utf8Bytes,
    Utf16,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex::excerpt(text, 0, 1)
    }

    /// The index of `text`, which starts at byte `base` of its document, on
    /// line `first_line`.
    pub fn excerpt(text: &'a str, base: usize, first_line: usize) -> Self {
        let first = if base == 0 && text.starts_with('\u{FEFF}') {
            3
        } else {
            0
        };
        let starts = std::iter::once(first)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            base,
            first_line,
            starts,
            last: Default::default(),
        }
    }

    /// The position of byte `offset`, which must lie on a char boundary,
    /// with the column in scalar values (SPEC §4).
    pub fn position(&self, offset: usize) -> Position {
        self.position_in(offset, ColumnUnit::Chars)
    }

    /// The position of byte `offset` with the column counted in `unit`.
    pub fn position_in(&self, offset: usize, unit: ColumnUnit) -> Position {
        let offset = offset.saturating_sub(self.base);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts[line - 1].min(offset);
        let cache = &self.last[unit as usize];
        let (from, counted) = match cache.get() {
            // Same line, at or before `offset`: count on from there.
            (at, column) if at >= line_start && at <= offset && column > 0 => (at, column - 1),
            _ => (line_start, 0),
        };
        let before = self.text.get(from..offset).unwrap_or("");
        let column = counted
            + match unit {
                ColumnUnit::Chars => before.chars().count(),
                ColumnUnit::Utf8Bytes => before.len(),
                ColumnUnit::Utf16 => before.chars().map(char::len_utf16).sum(),
            }
            + 1;
        if self.text.get(from..offset).is_some() {
            cache.set((offset, column));
        }
        Position {
            line: line + self.first_line - 1,
            column,
        }
    }

    /// The byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let line = (line + 1).saturating_sub(self.first_line);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        self.base + start..self.base + end.max(start)
    }

    /// The text of `range`, in the document's offsets.
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        let local = range.start.saturating_sub(self.base)..range.end.saturating_sub(self.base);
        self.text.get(local).unwrap_or("")
    }
}

/// What reporters need of a document's text once the document is gone: the
/// whole lines its findings are on, in the document's own offsets and line
/// numbers. A run keeps this for every file with findings instead of the
/// files themselves, so its memory follows the findings, not the corpus.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Source {
    /// Sorted, disjoint.
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    base: usize,
    first_line: usize,
    text: String,
}

impl Source {
    /// No lines.
    pub fn empty() -> &'static Source {
        static EMPTY: Source = Source { parts: Vec::new() };
        &EMPTY
    }

    /// The lines of `text` that the byte `ranges` are on, ranges included
    /// whole even where they cross lines.
    pub fn lines_of(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Source {
        let mut ranges: Vec<Range<usize>> = ranges.into_iter().collect();
        ranges.sort_by_key(|r| r.start);
        let floor = |mut at: usize| {
            at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        // (start of the first line, end of the last line, first line).
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        let (mut line, mut counted) = (1, 0);
        // Each search starts where the last one stopped, so that a 200 MB
        // line with a finding every few kilobytes is read once, not once
        // per finding.
        let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
        for r in ranges {
            let (start, end) = (floor(r.start), floor(r.end.max(r.start)));
            if let Some(span) = spans.last_mut() {
                // On the last span's lines: it grows to the end's line.
                if start <= span.1 {
                    if end > span.1 {
                        span.1 = line_end(end);
                    }
                    continue;
                }
            }
            let after = spans.last().map_or(0, |span| span.1);
            let first = text[after..start]
                .rfind('\n')
                .map_or(after, |i| after + i + 1);
            // memchr counts with SIMD: a byte loop here was a tenth of
            // `check` on one 100 MB file, run after its parallel part.
            line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..first]).count();
            counted = first;
            spans.push((first, line_end(end), line));
        }
        Source {
            parts: spans
                .into_iter()
                .map(|(base, end, first_line)| Part {
                    base,
                    first_line,
                    text: text[base..end].to_owned(),
                })
                .collect(),
        }
    }

    /// Adds the lines of `later`, kept from a part of the document that
    /// starts at byte `base`, at the start of line `line` (from 1), after
    /// every line kept so far: a memory read window by window keeps its
    /// lines so, each window starting a line.
    pub fn append_part(&mut self, later: Source, base: usize, line: usize) {
        self.parts.extend(later.parts.into_iter().map(|p| Part {
            base: p.base + base,
            first_line: p.first_line + line - 1,
            text: p.text,
        }));
    }

    /// Whether no line is kept.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The excerpt that byte `offset` of the document lies in, by number,
    /// for `index`.
    pub fn part_at(&self, offset: usize) -> Option<usize> {
        let after = self.parts.partition_point(|p| p.base <= offset);
        after.checked_sub(1)
    }

    /// The line index of excerpt `part`.
    pub fn index(&self, part: usize) -> Option<LineIndex<'_>> {
        let p = self.parts.get(part)?;
        Some(LineIndex::excerpt(&p.text, p.base, p.first_line))
    }
}

#[cfg(test)]
mod tests {
    use super::{ColumnUnit, LineIndex, Position, Source};

    fn pos(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn columns_count_scalar_values() {
        let idx = LineIndex::new("ab\nОʻzbekiston Baku");
        assert_eq!(idx.position(0), pos(1, 1));
        assert_eq!(idx.position(3), pos(2, 1));
        let baku = "ab\nОʻzbekiston Baku".find("Baku").unwrap();
        assert_eq!(idx.position(baku), pos(2, 13));
    }

    #[test]
    fn columns_in_each_unit() {
        // "Оʻ" is 2 scalar values, 4 UTF-8 bytes, 2 UTF-16 units; "𝔸" is 1
        // scalar value, 4 bytes, 2 UTF-16 units.
        let text = "Оʻ𝔸 Baku";
        let idx = LineIndex::new(text);
        let at = text.find("Baku").unwrap();
        assert_eq!(idx.position_in(at, ColumnUnit::Chars), pos(1, 5));
        assert_eq!(idx.position_in(at, ColumnUnit::Utf8Bytes), pos(1, 10));
        assert_eq!(idx.position_in(at, ColumnUnit::Utf16), pos(1, 6));
    }

    #[test]
    fn lookups_in_any_order_agree_with_counting_from_the_line_start() {
        let text = "Оʻzbekiston 𝔸 Baku\nab Астана cd\n";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let fresh = |at, unit| LineIndex::new(text).position_in(at, unit);
        for unit in [ColumnUnit::Chars, ColumnUnit::Utf8Bytes, ColumnUnit::Utf16] {
            let idx = LineIndex::new(text);
            // Forwards, backwards, and jumping about.
            let order = offsets
                .iter()
                .chain(offsets.iter().rev())
                .chain(offsets.iter().step_by(3));
            for &at in order {
                assert_eq!(idx.position_in(at, unit), fresh(at, unit), "{at} {unit:?}");
            }
        }
    }

    #[test]
    fn crlf_counts_one_line_and_keeps_columns() {
        let text = "one\r\ntwo Baku\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text.find("Baku").unwrap()), pos(2, 5));
        assert_eq!(&text[idx.line_range(2)], "two Baku");
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{FEFF}Baku";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(3), pos(1, 1));
        assert_eq!(&text[idx.line_range(1)], "Baku");
    }

    #[test]
    fn end_of_text_and_empty_text() {
        assert_eq!(LineIndex::new("").position(0), pos(1, 1));
        assert_eq!(LineIndex::new("a\n").position(2), pos(2, 1));
    }

    /// A reporter's view through a `Source` is the view through the whole
    /// text: positions in every unit, line ranges and their text.
    fn agrees(text: &str, ranges: &[std::ops::Range<usize>]) {
        let whole = LineIndex::new(text);
        let source = Source::lines_of(text, ranges.iter().cloned());
        for r in ranges {
            let part = source.part_at(r.start).expect("a part");
            let idx = source.index(part).expect("an index");
            assert_eq!(
                source.part_at(r.end.max(r.start)),
                Some(part),
                "{r:?} in one part"
            );
            for unit in [ColumnUnit::Chars, ColumnUnit::Utf8Bytes, ColumnUnit::Utf16] {
                for at in [r.start, r.end] {
                    assert_eq!(
                        idx.position_in(at, unit),
                        whole.position_in(at, unit),
                        "{r:?} {at} {unit:?}"
                    );
                }
            }
            let (first, last) = (whole.position(r.start).line, whole.position(r.end).line);
            for line in first..=last {
                assert_eq!(idx.line_range(line), whole.line_range(line), "line {line}");
                assert_eq!(
                    idx.slice(idx.line_range(line)),
                    &text[whole.line_range(line)]
                );
            }
            assert_eq!(idx.slice(r.clone()), &text[r.clone()]);
        }
    }

    #[test]
    fn a_source_keeps_what_reporters_read() {
        let text = "\u{FEFF}Baku one\r\ntwo Оʻzbekiston 𝔸 Astana\r\n\nthree\nfour Alat\nInternational\nfive";
        let at = |s: &str| text.find(s).unwrap();
        let baku = at("Baku")..at("Baku") + 4;
        let uz = at("Оʻzbekiston")..at(" 𝔸");
        let astana = at("Astana")..at("Astana") + 6;
        let alat = at("Alat")..at("International") + "International".len();
        let end = text.len()..text.len();
        let blank = at("\nthree")..at("\nthree");
        agrees(
            text,
            &[
                baku.clone(),
                uz.clone(),
                astana.clone(),
                alat.clone(),
                end.clone(),
                blank,
            ],
        );
        agrees(text, &[alat.clone(), baku.clone()]);
        agrees(text, std::slice::from_ref(&uz));
        // Only the lines with findings are kept.
        let kept = Source::lines_of(text, [uz, alat]);
        assert_eq!(kept.parts.len(), 2);
        assert_eq!(kept.parts[0].text, "two Оʻzbekiston 𝔸 Astana\r");
        assert_eq!(kept.parts[1].text, "four Alat\nInternational");
        assert_eq!(kept.parts[1].first_line, 5);
        assert!(Source::lines_of(text, []).is_empty());
    }
}
