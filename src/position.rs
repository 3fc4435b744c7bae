//! Byte offsets → lines and columns, computed at the edge.
//!
//! Findings store byte ranges only; reporters ask a [`LineIndex`] for the
//! line and column in their format's unit. Lines end at `\n` (so `\r\n` files
//! count lines correctly and `\r` never shifts a column). Columns are 1-based
//! and count Unicode scalar values (SPEC §4). A UTF-8 byte-order mark is not
//! part of line 1's columns: editors do not show it.

use std::cell::Cell;
use std::ops::Range;

/// Line starts of one text.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts; the first skips a BOM.
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
        let first = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let starts = std::iter::once(first)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
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
        Position { line, column }
    }

    /// The byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
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
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::{ColumnUnit, LineIndex, Position};

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
}
