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
///
/// What the finding says (its [`Detail`]) is shared: the findings of one
/// document that report the same mistake with the same words hold one
/// `Arc` of it, so a finding is 32 bytes however long its message. A
/// million findings of one misspelling used to cost 160 bytes each, and
/// twice that while the parallel rule pass joined its parts (issue 26).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// Byte range in the original file: the only position stored.
    pub range: Range<usize>,
    detail: Arc<Detail>,
}

/// Everything a finding says besides where: shared by the findings of a
/// document that say the same thing ([`Finding`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Detail {
    /// The path as given or walked, with `/` separators (SPEC §4).
    pub path: Arc<str>,
    /// The original text in the finding's range.
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
    pub related: Box<[Related]>,
}

/// A place in a document that a finding points to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    /// The path as given or walked, like [`Finding::path`].
    pub path: String,
    /// Byte range in that document.
    pub range: Range<usize>,
    pub message: String,
}

/// A replacement for a finding's range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub replacement: Arc<str>,
    pub applicability: Applicability,
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Certainly right: `forbidden`, `lookalike`, `case`.
    Safe,
    /// Probably right, but could change meaning.
    Unsafe,
}

impl Finding {
    pub fn new(rule: Rule, severity: Severity, range: Range<usize>, detail: Arc<Detail>) -> Self {
        Finding {
            rule,
            severity,
            range,
            detail,
        }
    }

    /// What the finding says, to share with another finding or to change
    /// ([`Finding::set_detail`]).
    pub fn detail(&self) -> &Arc<Detail> {
        &self.detail
    }

    pub fn set_detail(&mut self, detail: Arc<Detail>) {
        self.detail = detail;
    }

    pub fn path(&self) -> &str {
        &self.detail.path
    }

    pub fn found(&self) -> &str {
        &self.detail.found
    }

    pub fn term(&self) -> &str {
        &self.detail.term
    }

    pub fn language(&self) -> &LangTag {
        &self.detail.language
    }

    pub fn expected(&self) -> Option<&str> {
        self.detail.expected.as_deref()
    }

    pub fn message(&self) -> &str {
        &self.detail.message
    }

    pub fn fix(&self) -> Option<&Fix> {
        self.detail.fix.as_ref()
    }

    pub fn related(&self) -> &[Related] {
        &self.detail.related
    }

    /// Adds places to `related`; the detail is copied if another finding
    /// shares it (few do: set rules relate, and rarely).
    pub fn relate(&mut self, more: impl IntoIterator<Item = Related>) {
        let detail = Arc::make_mut(&mut self.detail);
        let mut all = std::mem::take(&mut detail.related).into_vec();
        all.extend(more);
        detail.related = all.into_boxed_slice();
    }

    /// The order of SPEC §4: path, then byte start, then rule.
    pub fn sort_key(&self) -> (&str, usize, &'static str) {
        (&self.detail.path, self.range.start, self.rule.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Finding;

    /// A dense file has a finding every few bytes: what one costs is the
    /// run's memory (issue 26). 32 bytes on a 64-bit target: the range, the
    /// shared detail, the rule and severity.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_finding_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Finding>(), 32);
    }
}
