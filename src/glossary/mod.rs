//! The glossary: the terms termlint checks for, validated.
//!
//! `schema.rs` holds the raw serde form of `glossary.toml` (SPEC §2), which
//! never leaves this module; `validate.rs` turns it into a [`Glossary`] or a
//! list of every problem, each with the file, line and column. Code after
//! loading may assume the glossary is valid: every rendering has a non-empty
//! folded key, no key is claimed twice in one language, ids are unique.

mod keys;
mod parse;
mod schema;
mod validate;

use std::path::{Path, PathBuf};

use crate::lang::LangTag;
use crate::rule::Rule;
use crate::rule::Severity;

pub(crate) use validate::slug;

/// The glossary file name looked for upward from the current directory (the
/// command line) or from a document (the language server).
pub const GLOSSARY_FILE: &str = "glossary.toml";

pub use validate::{GlossaryError, Problem};

/// A validated glossary.
#[derive(Debug)]
pub struct Glossary {
    /// Where it was loaded from: paths inside it are relative to its folder.
    pub path: PathBuf,
    /// The language of documents whose language is not known otherwise.
    pub default_language: LangTag,
    /// Groups of folded characters the `lookalike` rule does not report.
    pub equivalent: Vec<Vec<char>>,
    pub terms: Vec<Term>,
    /// How many of the terms' renderings are `short` forms ("AIFC",
    /// "Tokayev"): loaded as grammatical forms, counted apart by
    /// `glossary lint`.
    pub short_forms: usize,
    /// `[rules]`: a severity, or `None` for "off".
    pub severities: Vec<(Rule, Option<Severity>)>,
    /// `[near-miss] ignore`: folded words and phrases never reported.
    pub near_miss_ignore: std::collections::HashSet<String>,
    /// `[near-miss] dictionaries`: Hunspell dictionaries (the path of the
    /// `.dic`, resolved) and the language their file name gives.
    pub near_miss_dictionaries: Vec<(LangTag, PathBuf)>,
    /// `[near-miss] evidence`: whether spellings a run sees in many
    /// documents are taken for words, not misspellings (default true).
    pub near_miss_evidence: bool,
    /// `[[ignore]]`: paths (relative to the glossary's folder) not checked,
    /// or checked without some rules.
    pub ignores: Vec<PathIgnore>,
    /// `[[set]]`: named sets of documents, in the order written.
    pub sets: Vec<SetSpec>,
    /// `[files]`: which files a walk checks.
    pub files: FileSelection,
    /// Every term's `forbidden-patterns`, one regular expression per
    /// language.
    pub patterns: Vec<PatternSet>,
}

/// The `forbidden-patterns` of one language as one regular expression: an
/// alternation with a named group per pattern, so a document is searched
/// once however many patterns there are.
#[derive(Debug)]
pub struct PatternSet {
    pub language: LangTag,
    pub regex: regex::Regex,
    /// (term index, pattern index in the term) for group `p{i}`.
    pub patterns: Vec<(usize, usize)>,
    /// The literals one of which starts every match, in letters and
    /// digits, when there are such (`nur` for `Nur[ -]?Sultan`): text that
    /// folds plainly and holds none cannot match, and is not folded.
    pub prefixes: Option<aho_corasick::AhoCorasick>,
}

impl PatternSet {
    /// Whether `text` may hold a match: `false` only when it holds none of
    /// the prefixes (ASCII in any case) and folds plainly
    /// (`normalize::folds_plainly`), so that folding could not make one.
    pub fn may_match(&self, text: &str) -> bool {
        let Some(prefixes) = &self.prefixes else {
            return true;
        };
        let plain = text
            .chars()
            .filter(|c| !c.is_ascii())
            .all(crate::normalize::folds_plainly);
        !plain || prefixes.is_match(text)
    }
}

/// The prefixes of `patterns` (folded) as an ASCII case-insensitive
/// automaton, or `None` if one of them can start otherwise.
fn prefixes<'a>(patterns: impl Iterator<Item = &'a str>) -> Option<aho_corasick::AhoCorasick> {
    let mut all: Vec<Vec<u8>> = Vec::new();
    for pattern in patterns {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
        for literal in seq.literals()? {
            // Every match starts with the literal, so with its start in
            // letters and digits too (a literal may end inside a
            // character: only whole characters count).
            let bytes = literal.as_bytes();
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
            };
            let end = text
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(text.len(), |(i, _)| i);
            if end == 0 {
                return None;
            }
            all.push(text.as_bytes()[..end].to_ascii_lowercase());
        }
    }
    all.sort();
    all.dedup();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&all)
        .ok()
}

impl PatternSet {
    /// The (term, pattern) a match of `regex` came from.
    pub fn which(&self, captures: &regex::Captures<'_>) -> Option<(usize, usize)> {
        (0..self.patterns.len())
            .find(|i| captures.name(&format!("p{i}")).is_some())
            .map(|i| self.patterns[i])
    }

    /// The sets for `terms`: `None` if a combined expression does not
    /// compile (each pattern compiled alone, so this is a size limit).
    pub fn build(terms: &[Term]) -> Result<Vec<PatternSet>, regex::Error> {
        let mut by_language: std::collections::BTreeMap<&LangTag, Vec<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for (t, term) in terms.iter().enumerate() {
            for (p, pattern) in term.patterns.iter().enumerate() {
                by_language
                    .entry(&pattern.language)
                    .or_default()
                    .push((t, p));
            }
        }
        by_language
            .into_iter()
            .map(|(language, patterns)| {
                let alternation: Vec<String> = patterns
                    .iter()
                    .enumerate()
                    .map(|(i, &(t, p))| format!("(?P<p{i}>{})", terms[t].patterns[p].folded))
                    .collect();
                let regex = regex::RegexBuilder::new(&alternation.join("|"))
                    .case_insensitive(true)
                    .build()?;
                let prefixes = prefixes(
                    patterns
                        .iter()
                        .map(|&(t, p)| terms[t].patterns[p].folded.as_str()),
                );
                Ok(PatternSet {
                    language: language.clone(),
                    regex,
                    patterns,
                    prefixes,
                })
            })
            .collect()
    }
}

/// `[files]`: globs relative to the glossary's folder (`crate::globs`).
#[derive(Debug, Clone, Default)]
pub struct FileSelection {
    /// If any, only matching files are checked.
    pub include: Option<crate::globs::Globs>,
    pub exclude: Option<crate::globs::Globs>,
    /// Unfinished translation-unit states that are checked anyway.
    pub include_states: Vec<&'static str>,
    /// `encoding`: the charset of files that are not UTF-8.
    pub encoding: Option<crate::encoding::Charset>,
}

impl FileSelection {
    /// Whether a file at `relative` (to the glossary's folder) is checked.
    pub fn selects(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.matches(relative))
            && !self.exclude.as_ref().is_some_and(|g| g.matches(relative))
    }
}

/// One `[[set]]` table.
#[derive(Debug)]
pub struct SetSpec {
    pub name: String,
    /// Globs relative to the glossary's folder.
    pub globs: globset::GlobSet,
    /// The language of the set's source documents.
    pub source: Option<LangTag>,
    /// The one document the others render or translate, relative to the
    /// glossary's folder (`source-document`).
    pub source_document: Option<PathBuf>,
}

/// One `[[ignore]]` table.
#[derive(Debug)]
pub struct PathIgnore {
    pub globs: globset::GlobSet,
    /// `None`: the files are not checked at all.
    pub rules: Option<Vec<Rule>>,
}

impl Glossary {
    /// What `[[ignore]]` says about a file at `relative` (to the glossary's
    /// folder): `None` to skip it, else the rules to leave out.
    pub fn ignored_for(&self, relative: &Path) -> Option<Vec<Rule>> {
        let mut off = Vec::new();
        for ignore in self.ignores.iter().filter(|i| i.globs.is_match(relative)) {
            match &ignore.rules {
                None => return None,
                Some(rules) => off.extend(rules.iter().copied()),
            }
        }
        Some(off)
    }
}

/// One name and all its renderings.
#[derive(Debug)]
pub struct Term {
    pub id: String,
    pub category: Category,
    pub note: Option<String>,
    pub case: CasePolicy,
    /// Whether renderings also match with the language's endings.
    pub inflect: bool,
    /// Whether near-misses of this term are reported even when they are
    /// ordinary words of the document's language ("Bath" for a city "Baht").
    pub near_miss_words: bool,
    pub renderings: Vec<Rendering>,
    /// `forbidden-patterns`: families of forbidden spellings.
    pub patterns: Vec<ForbiddenPattern>,
}

/// A regular expression for a family of forbidden spellings of a term in
/// one language (`Nur[ -]?Sultan`), compiled for folded text: its letters
/// are folded as documents are, and it matches in any letter case.
#[derive(Debug)]
pub struct ForbiddenPattern {
    pub language: LangTag,
    /// As written in the glossary.
    pub source: String,
    /// The folded pattern, as the regex engine reads it (without flags).
    pub folded: String,
}

/// One way of writing a term in one language.
#[derive(Debug)]
pub struct Rendering {
    /// As written in the glossary.
    pub text: String,
    /// Folded for matching (`normalize::fold_key`).
    pub key: String,
    pub language: LangTag,
    pub kind: RenderingKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RenderingKind {
    Preferred,
    Accepted,
    Forbidden,
    /// From `forms`: a grammatical form of the term, correct but not an
    /// alternative rendering (never counted by `inconsistent`).
    Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasePolicy {
    Exact,
    Ignore,
}

impl CasePolicy {
    /// From its name in glossary.toml (`exact`, `ignore`).
    pub fn parse(name: &str) -> Option<CasePolicy> {
        match name {
            "exact" => Some(CasePolicy::Exact),
            "ignore" => Some(CasePolicy::Ignore),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CasePolicy::Exact => "exact",
            CasePolicy::Ignore => "ignore",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Place,
    Person,
    Title,
    Organization,
    Project,
    Event,
    Other,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Place,
        Category::Person,
        Category::Title,
        Category::Organization,
        Category::Project,
        Category::Event,
        Category::Other,
    ];

    /// From its name in glossary.toml (`place`, `person`, …). The British
    /// `organisation` is accepted too: half the glossaries' authors write it.
    pub fn parse(name: &str) -> Option<Category> {
        if name == "organisation" {
            return Some(Category::Organization);
        }
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Place => "place",
            Category::Person => "person",
            Category::Title => "title",
            Category::Organization => "organization",
            Category::Project => "project",
            Category::Event => "event",
            Category::Other => "other",
        }
    }
}

impl Glossary {
    /// Reads and validates the glossary at `path`.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let bytes = std::fs::read(path).map_err(|source| GlossaryError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| GlossaryError::NotUtf8 {
            path: path.display().to_string(),
            message: validate::not_utf8(e.as_bytes(), e.utf8_error().valid_up_to(), path),
        })?;
        Glossary::from_str(&text, path)
    }

    /// Validates glossary text; `path` names it in errors.
    pub fn from_str(text: &str, path: &Path) -> Result<Glossary, GlossaryError> {
        validate::validate(text, path)
    }

    /// The glossary's own languages, each once, sorted.
    pub fn languages(&self) -> Vec<&LangTag> {
        let mut langs: Vec<&LangTag> = self
            .terms
            .iter()
            .flat_map(|t| t.renderings.iter().map(|r| &r.language))
            .collect();
        langs.sort();
        langs.dedup();
        langs
    }

    /// How many renderings the glossary has in all.
    pub fn rendering_count(&self) -> usize {
        self.terms.iter().map(|t| t.renderings.len()).sum()
    }
}

impl Term {
    /// The rendering of `kind` that fits `lang` best, if any.
    pub fn best(&self, lang: &LangTag, kind: RenderingKind) -> Option<&Rendering> {
        self.renderings
            .iter()
            .filter(|r| r.kind == kind)
            .filter_map(|r| r.language.fit(lang).map(|fit| (fit, r)))
            .max_by_key(|&(fit, _)| fit)
            .map(|(_, r)| r)
    }

    /// Whether any rendering of the term applies to documents in `lang`;
    /// if none does, documents in `lang` are checked with the renderings of
    /// the glossary's default language.
    pub fn renders(&self, lang: &LangTag) -> bool {
        self.renderings
            .iter()
            .any(|r| r.language.fit(lang).is_some())
    }

    /// The preferred rendering in the document's language (SPEC §4 `expected`).
    pub fn preferred(&self, lang: &LangTag) -> Option<&Rendering> {
        self.best(lang, RenderingKind::Preferred)
    }

    /// How messages name the term: its preferred rendering in `lang`, else in
    /// `fallback`, else its id.
    pub fn display_name<'a>(&'a self, lang: &LangTag, fallback: &LangTag) -> &'a str {
        self.preferred(lang)
            .or_else(|| self.preferred(fallback))
            .map_or(&self.id, |r| &r.text)
    }
}
