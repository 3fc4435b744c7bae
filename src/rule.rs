//! The identity of each rule: its code, its default severity, what it is
//! for. A leaf: the glossary (which configures rules), diagnostics (which
//! carry them) and reporters (which list them) all name rules, so this
//! module names nothing above it (issue 26).

use std::fmt;

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
