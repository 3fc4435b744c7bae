//! Reading documents: bytes from disk to [`Document`]s with checkable segments.
//!
//! A document keeps its original text; segments are byte ranges of it that
//! rules should look at. Plain text is one segment (without a UTF-8 BOM, which
//! stays in the text so byte offsets match the file). Later formats (Markdown,
//! XLIFF, …) only add segment extractors here.

mod language;
mod walk;

use std::ops::Range;
use std::path::Path;

use crate::error::ScanError;
use crate::lang::LangTag;

pub use language::resolve as resolve_language;
pub use walk::{display_path, walk, Walked};

/// One file, ready to check.
#[derive(Debug, Clone)]
pub struct Document {
    /// As given or walked, with `/` separators.
    pub path: String,
    /// The whole file as read.
    pub text: String,
    pub language: LangTag,
    /// Byte ranges of `text` to check.
    pub segments: Vec<Range<usize>>,
}

/// What reading a path gave.
#[derive(Debug)]
pub enum Loaded {
    Document(Document),
    /// Skipped: the file looks binary (a NUL byte in its first 8 KiB).
    Binary,
}

/// Bytes ripgrep also looks at to decide that a file is binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// Reads `path` and decodes it as UTF-8 text in `language`.
pub fn read(path: &Path, display: &str, language: LangTag) -> Result<Loaded, ScanError> {
    let bytes = std::fs::read(path).map_err(|e| ScanError::io(display, e))?;
    from_bytes(bytes, display, language)
}

/// Decodes `bytes` read from `display`.
pub fn from_bytes(bytes: Vec<u8>, display: &str, language: LangTag) -> Result<Loaded, ScanError> {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Ok(Loaded::Binary);
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| invalid_utf8(e.as_bytes(), e.utf8_error().valid_up_to(), display))?;
    let segments = segments(&text);
    Ok(Loaded::Document(Document {
        path: display.to_owned(),
        text,
        language,
        segments,
    }))
}

/// The checkable parts of plain text: all of it but a leading BOM.
pub fn segments(text: &str) -> Vec<Range<usize>> {
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    if start < text.len() {
        std::iter::once(start..text.len()).collect()
    } else {
        Vec::new()
    }
}

fn invalid_utf8(bytes: &[u8], offset: usize, display: &str) -> ScanError {
    // The prefix up to `offset` is valid UTF-8 by definition.
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let position = crate::position::LineIndex::new(valid).position(offset);
    ScanError::InvalidUtf8 {
        path: display.to_owned(),
        offset,
        line: position.line,
        column: position.column,
    }
}

#[cfg(test)]
mod tests {
    use super::{from_bytes, Loaded};
    use crate::error::ScanError;
    use crate::lang::LangTag;

    fn en() -> LangTag {
        LangTag::parse("en").unwrap()
    }

    #[test]
    fn bom_stays_in_text_but_not_in_segments() {
        let Ok(Loaded::Document(d)) = from_bytes(b"\xEF\xBB\xBFBaku".to_vec(), "a.txt", en())
        else {
            panic!()
        };
        assert_eq!(d.segments, vec![(3..7)]);
    }

    #[test]
    fn invalid_utf8_names_line_column_and_offset() {
        let err = from_bytes(b"ok\nab\xFFcd".to_vec(), "bad.txt", en()).unwrap_err();
        assert!(matches!(
            err,
            ScanError::InvalidUtf8 {
                offset: 5,
                line: 2,
                column: 3,
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "bad.txt:2:3: invalid UTF-8 at byte offset 5"
        );
    }

    #[test]
    fn nul_means_binary_and_empty_is_fine() {
        assert!(matches!(
            from_bytes(b"a\0b".to_vec(), "x", en()),
            Ok(Loaded::Binary)
        ));
        let Ok(Loaded::Document(d)) = from_bytes(Vec::new(), "e.txt", en()) else {
            panic!()
        };
        assert!(d.segments.is_empty());
    }
}
