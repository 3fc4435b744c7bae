//! `--fix` and `--diff`: turning findings' fixes into edits, and edits into a
//! new file or a unified diff.
//!
//! Guarantees (property-tested below and in `tests/fix.rs`):
//!
//! - only the bytes of chosen edits change: BOM, line endings, the trailing
//!   newline and every other byte stay as they were;
//! - overlapping fixes are resolved deterministically: the one covering the
//!   longer original text wins, then the earlier one;
//! - a file is written to a temporary file in its own folder, with its
//!   permissions, synced, and renamed over the original, so a crash leaves
//!   either the old file or the new one; a file that changed since it was
//!   read is left alone.
//!
//! Edits come only from findings, and findings only from the segments a
//! format exposes, so regions a format skips are never written.

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::{Applicability, Finding};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixLevel {
    /// `--fix`: only fixes that are certainly right.
    Safe,
    /// `--fix --unsafe-fixes`: also those that are probably right.
    Unsafe,
}

impl FixLevel {
    pub fn allows(self, applicability: Applicability) -> bool {
        self == FixLevel::Unsafe || applicability == Applicability::Safe
    }
}

/// One replacement in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// Why a fixed file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{path}: not fixed: the file changed since termlint read it")]
    Changed { path: String },
    #[error("{path}: not fixed: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The edits to make in `text` for `findings` at `level`: no-op edits
/// dropped, overlaps resolved, in document order.
pub fn plan(text: &str, findings: &[Finding], level: FixLevel) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref().map(|fix| (f, fix)))
        .filter(|(_, fix)| level.allows(fix.applicability))
        .filter(|(f, fix)| text.get(f.range.clone()) != Some(fix.replacement.as_str()))
        .map(|(f, fix)| Edit {
            range: f.range.clone(),
            replacement: fix.replacement.clone(),
        })
        .collect();
    // One sweep in document order: an edit that overlaps the last one kept
    // replaces it if it covers more original text (ties: the earlier stays).
    // Deterministic, and O(n log n) for the hundreds of thousands of fixes a
    // large corpus can have.
    edits.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
    let mut chosen: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        match chosen.last_mut() {
            Some(last) if e.range.start < last.range.end => {
                if e.range.len() > last.range.len() {
                    *last = e;
                }
            }
            _ => chosen.push(e),
        }
    }
    chosen
}

/// `text` with `edits` (sorted, disjoint) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff from `old` to `new` for `path`, as `git diff` shows it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Replaces the file at `path`, which held `expected` when it was read, with
/// `new`, atomically.
pub fn write_atomic(
    path: &Path,
    display: &str,
    expected: &[u8],
    new: &[u8],
) -> Result<(), FixError> {
    let io = |source| FixError::Io {
        path: display.to_owned(),
        source,
    };
    if fs::read(path).map_err(io)? != expected {
        return Err(FixError::Changed {
            path: display.to_owned(),
        });
    }
    let permissions = fs::metadata(path).map_err(io)?.permissions();
    let temp = temp_path(path);
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(new)?;
        file.set_permissions(permissions)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(io(e));
    }
    Ok(())
}

/// `.name.termlint-<pid>-<n>.tmp` beside `path`: same folder, so the rename
/// is atomic; hidden, so a watcher or a walk does not pick it up.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.termlint-{}-{n}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::{any, prop, prop_assert, prop_assert_eq, proptest};

    use super::{apply, plan, Edit, FixLevel};
    use crate::diagnostic::{Applicability, Finding, Fix};
    use crate::lang::LangTag;
    use crate::rules::Rule;

    fn finding(
        range: std::ops::Range<usize>,
        replacement: &str,
        applicability: Applicability,
    ) -> Finding {
        Finding {
            rule: Rule::Forbidden,
            severity: crate::diagnostic::Severity::Error,
            path: "d.txt".to_owned(),
            range,
            found: String::new(),
            term: "t".to_owned(),
            language: LangTag::parse("en").unwrap(),
            expected: None,
            message: String::new(),
            fix: Some(Fix {
                replacement: replacement.to_owned(),
                applicability,
            }),
        }
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_level() {
        let f = [finding(0..4, "Baku", Applicability::Unsafe)];
        assert!(plan("Bakk", &f, FixLevel::Safe).is_empty());
        assert_eq!(plan("Bakk", &f, FixLevel::Unsafe).len(), 1);
    }

    #[test]
    fn the_longer_overlapping_fix_wins() {
        let f = [
            finding(0..4, "Alat", Applicability::Safe),
            finding(0..15, "Alat Seaport", Applicability::Safe),
            finding(10..15, "Port", Applicability::Safe),
        ];
        let edits = plan("Alyt Harbour Port", &f, FixLevel::Safe);
        assert_eq!(
            edits,
            [Edit {
                range: 0..15,
                replacement: "Alat Seaport".to_owned()
            }]
        );
    }

    #[test]
    fn no_op_fixes_are_dropped() {
        assert!(plan(
            "Baku",
            &[finding(0..4, "Baku", Applicability::Safe)],
            FixLevel::Safe
        )
        .is_empty());
    }

    proptest! {
        /// Bytes outside the chosen edits are unchanged, in order.
        #[test]
        fn only_edited_bytes_change(
            text in "[a-z \r\n\u{FEFF}é]{0,60}",
            spans in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, "[A-Z]{0,5}"), 0..6),
        ) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let findings: Vec<Finding> = spans
                .iter()
                .map(|(at, len, rep)| {
                    let i = at.index(bounds.len());
                    let (s, e) = (bounds[i], bounds[(i + len).min(bounds.len() - 1)]);
                    finding(s..e, rep, Applicability::Safe)
                })
                .collect();
            let edits = plan(&text, &findings, FixLevel::Safe);
            prop_assert!(edits.windows(2).all(|w| w[0].range.end <= w[1].range.start));
            let fixed = apply(&text, &edits);
            // Rebuild the original from the fixed text: the unedited pieces
            // must sit between the replacements, byte for byte.
            let mut at_old = 0;
            let mut at_new = 0;
            for e in &edits {
                let keep = e.range.start - at_old;
                prop_assert_eq!(&fixed[at_new..at_new + keep], &text[at_old..e.range.start]);
                at_new += keep + e.replacement.len();
                at_old = e.range.end;
            }
            prop_assert_eq!(&fixed[at_new..], &text[at_old..]);
        }
    }
}
