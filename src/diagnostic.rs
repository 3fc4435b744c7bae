//! The one type every rule produces and every reporter consumes.
//!
//! A [`Finding`] stores a byte range into the original file and nothing else
//! about position: lines and columns are computed by the reporter, in the unit
//! its format wants (`position::LineIndex`). Findings are created only through
//! `rules::Context::report`, which resolves the configured severity.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::lang::LangTag;

/// Every rule termlint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Forbidden,
    NearMiss,
    Lookalike,
    Case,
    Inconsistent,
    CrossDocument,
    MissingTranslation,
    NumberMismatch,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Forbidden,
        Rule::NearMiss,
        Rule::Lookalike,
        Rule::Case,
        Rule::Inconsistent,
        Rule::CrossDocument,
        Rule::MissingTranslation,
        Rule::NumberMismatch,
    ];

    /// The id users write: in `--select`, `[rules]`, and the JSON `rule` field.
    pub fn code(self) -> &'static str {
        match self {
            Rule::Forbidden => "forbidden",
            Rule::NearMiss => "near-miss",
            Rule::Lookalike => "lookalike",
            Rule::Case => "case",
            Rule::Inconsistent => "inconsistent",
            Rule::CrossDocument => "cross-document",
            Rule::MissingTranslation => "missing-translation",
            Rule::NumberMismatch => "number-mismatch",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// SPEC §3.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Forbidden => Severity::Error,
            Rule::NearMiss
            | Rule::Lookalike
            | Rule::Case
            | Rule::Inconsistent
            | Rule::CrossDocument
            | Rule::MissingTranslation
            | Rule::NumberMismatch => Severity::Warning,
        }
    }

    /// The rule's documentation, in Markdown.
    pub fn doc(self) -> &'static str {
        match self {
            Rule::Forbidden => include_str!("../docs/rules/forbidden.md"),
            Rule::NearMiss => include_str!("../docs/rules/near-miss.md"),
            Rule::Lookalike => include_str!("../docs/rules/lookalike.md"),
            Rule::Case => include_str!("../docs/rules/case.md"),
            Rule::Inconsistent => include_str!("../docs/rules/inconsistent.md"),
            Rule::CrossDocument => include_str!("../docs/rules/cross-document.md"),
            Rule::MissingTranslation => include_str!("../docs/rules/missing-translation.md"),
            Rule::NumberMismatch => include_str!("../docs/rules/number-mismatch.md"),
        }
    }

    /// The first sentence under the doc's "What it finds" heading.
    pub fn summary(self) -> &'static str {
        self.doc()
            .split("## What it finds")
            .nth(1)
            .and_then(|s| s.trim_start().split("\n\n").next())
            .map_or("", str::trim)
    }

    /// All rule ids, for error messages.
    pub fn codes() -> String {
        Rule::ALL.map(Rule::code).join(", ")
    }

    /// The message for `code`, which names no rule, written `place` (`in
    /// --select`, `in [rules]`): the closest rule, if one is close, and
    /// every rule.
    pub fn unknown(code: &str, place: &str) -> String {
        format!(
            "unknown rule `{code}` {place}{}; rules are: {}",
            crate::closest::did_you_mean(code, Rule::ALL.map(Rule::code)),
            Rule::codes()
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

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
