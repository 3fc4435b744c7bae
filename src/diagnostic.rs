//! The one type every rule produces and every reporter consumes.
//!
//! A [`Finding`] stores a byte range into the original file and nothing else
//! about position: lines and columns are computed by the reporter, in the unit
//! its format wants (`position::LineIndex`). Findings are created only through
//! `rules::Context::report`, which resolves the configured severity.

use std::fmt;
use std::ops::Range;

use crate::lang::LangTag;
use crate::rules::Rule;

/// How bad a finding is. Ordered, so `--fail-on` can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One problem at one place in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// The path as given or walked, with `/` separators (SPEC §4).
    pub path: String,
    /// Byte range in the original file: the only position stored.
    pub range: Range<usize>,
    /// The original text in `range`.
    pub found: String,
    /// The glossary term's id.
    pub term: String,
    pub language: LangTag,
    /// The preferred rendering in the document's language, if there is one.
    pub expected: Option<String>,
    pub message: String,
    /// The replacement that would fix the finding, and how sure it is.
    pub fix: Option<Fix>,
    /// Other places that explain it: the source that names a term a
    /// translation lacks, the document of the set that writes a name
    /// otherwise. A set rule that would report the same mistake again adds
    /// its place here instead (one finding per mistake, issue 22).
    pub related: Vec<Related>,
}

/// A place in a document that a finding points to, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The path as given or walked, like [`Finding::path`].
    pub path: String,
    /// Byte range in that document.
    pub range: Range<usize>,
    pub message: String,
}

/// A replacement for a finding's range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Certainly right: `forbidden`, `lookalike`, `case`.
    Safe,
    /// Probably right, but could change meaning.
    Unsafe,
}

impl Finding {
    /// The order of SPEC §4: path, then byte start, then rule.
    pub fn sort_key(&self) -> (&str, usize, &'static str) {
        (&self.path, self.range.start, self.rule.code())
    }
}
