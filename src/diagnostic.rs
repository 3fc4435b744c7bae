//! The one type every rule produces and every reporter consumes.
//!
//! A [`Finding`] stores a byte range into the original file and nothing else
//! about position: lines and columns are computed by the reporter, in the unit
//! its format wants (`position::LineIndex`). Findings are created only through
//! `rules::Context::report`, which resolves the configured severity.

use std::ops::Range;
use std::sync::Arc;

use crate::lang::LangTag;

pub use crate::rule::{Rule, Severity};

/// One problem at one place in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// The path as given or walked, with `/` separators (SPEC §4); one
    /// allocation per file, shared by its findings.
    pub path: Arc<str>,
    /// Byte range in the original file: the only position stored.
    pub range: Range<usize>,
    /// The original text in `range`.
    pub found: Arc<str>,
    /// The glossary term's id.
    pub term: Arc<str>,
    pub language: LangTag,
    /// The preferred rendering in the document's language, if there is one.
    pub expected: Option<Arc<str>>,
    pub message: Arc<str>,
    /// The replacement that would fix the finding, and how sure it is.
    pub fix: Option<Fix>,
    /// Other places that explain it: the source that names a term a
    /// translation lacks, the document of the set that writes a name
    /// otherwise. A set rule that would report the same mistake again adds
    /// its place here instead (one finding per mistake, issue 22).
    /// A boxed slice, not a `Vec`: most findings have none, and a `Vec`'s
    /// capacity is eight bytes more in each of a million findings.
    pub related: Box<[Related]>,
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
    pub replacement: Arc<str>,
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
    /// Adds places to `related`.
    pub fn relate(&mut self, more: impl IntoIterator<Item = Related>) {
        let mut all = std::mem::take(&mut self.related).into_vec();
        all.extend(more);
        self.related = all.into_boxed_slice();
    }

    /// The order of SPEC §4: path, then byte start, then rule.
    pub fn sort_key(&self) -> (&str, usize, &'static str) {
        (&self.path, self.range.start, self.rule.code())
    }
}
