//! Raw glossary → [`Glossary`], or every problem at once.
//!
//! Validation collects all problems before failing, so one run shows the
//! whole list (SPEC §2), each with the glossary's path, line and column.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use toml::Spanned;

use super::schema::{RawFiles, RawGlossary, RawIgnore, RawRendering, RawSet, RawTerm};
use super::{
    CasePolicy, Category, FileSelection, ForbiddenPattern, Glossary, PathIgnore, Rendering,
    RenderingKind, SetSpec, Term,
};
use crate::hash::WordHasher;
use crate::lang::LangTag;
use crate::normalize::{fold_key, normalize};
use crate::position::LineIndex;
use crate::rule::Rule;
use crate::rule::Severity;

/// Why a glossary could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error("cannot read glossary {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Not UTF-8, which TOML requires: `message` says where and how to
    /// convert it.
    #[error("{path}:{message}")]
    NotUtf8 { path: String, message: String },
    #[error("{}", ProblemList { path, problems })]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
}

/// One thing wrong with a glossary, at a 1-based line and column (in
/// characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// `line:column: …` for a glossary whose bytes from `offset` on are not
/// UTF-8: UTF-16 (as Windows editors save "Unicode"), or a legacy charset,
/// each with the command that converts it.
pub(super) fn not_utf8(bytes: &[u8], offset: usize, path: &Path) -> String {
    let utf16 = match bytes {
        // iconv reads the byte order from the mark.
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        _ if bytes.iter().take(64).skip(1).step_by(2).all(|&b| b == 0) => Some("UTF-16LE"),
        _ => None,
    };
    if let Some(charset) = utf16 {
        return format!(
            "1:1: the glossary is {charset}, but TOML files are UTF-8: save it as UTF-8, or convert it (iconv -f {charset} -t UTF-8 {} > converted.toml)",
            path.display()
        );
    }
    // The prefix up to `offset` is valid UTF-8 by definition.
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let p = LineIndex::new(valid).position(offset);
    format!(
        "{}:{}: invalid UTF-8 at byte offset {offset}; TOML files are UTF-8: save it as UTF-8, or convert it from its charset (iconv -f WINDOWS-1252 -t UTF-8 {} > converted.toml, or WINDOWS-1251 for Cyrillic)",
        p.line,
        p.column,
        path.display()
    )
}

struct ProblemList<'a> {
    path: &'a str,
    problems: &'a [Problem],
}

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problems.len() > 1 {
            writeln!(f, "invalid glossary: {} problems", self.problems.len())?;
        }
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}:{}:{}: {}", self.path, p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

pub(super) fn validate(text: &str, path: &Path) -> Result<Glossary, GlossaryError> {
    let mut v = Validator {
        text,
        lines: LineIndex::new(text),
        problems: Vec::new(),
        claims: HashMap::default(),
        tags: HashMap::default(),
        short_forms: 0,
    };
    let glossary = match super::parse::parse(text) {
        Ok(raw) => Some(v.glossary(raw, path)),
        Err(e) => {
            // serde names the first unknown key only: name them all.
            let unknown = super::keys::unknown(text);
            let span = e.span().unwrap_or(0..0);
            let said = unknown.iter().any(|(at, _)| at.start == span.start);
            for (at, message) in unknown {
                v.at(at, message);
            }
            if !said {
                let message = e.message().trim_end().to_owned();
                v.at(span, message);
            }
            None
        }
    };
    v.problems.sort_by_key(|p| (p.line, p.column));
    match glossary {
        Some(g) if v.problems.is_empty() => Ok(g),
        _ => Err(GlossaryError::Invalid {
            path: path.display().to_string(),
            problems: v.problems,
        }),
    }
}

struct Validator<'a> {
    text: &'a str,
    lines: LineIndex<'a>,
    problems: Vec<Problem>,
    /// (language, folded key) → (term id, line): one term per key and language.
    claims: FastMap<(LangTag, String), (Rc<str>, usize)>,
    /// Language keys as written → their tags: a term base repeats the same
    /// 160 keys in every term.
    tags: FastMap<String, Option<LangTag>>,
    /// `short` forms loaded (`Glossary::short_forms`).
    short_forms: usize,
}

/// Keys are the glossary's own short strings: no need for SipHash.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A rendering while its term is validated: what it came from, for messages.
struct Candidate {
    rendering: Rendering,
    span: Range<usize>,
}

impl Validator<'_> {
    fn at(&mut self, span: Range<usize>, message: String) {
        let (line, column) = self.line_col(span.start);
        self.problems.push(Problem {
            line,
            column,
            message,
        });
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let p = self.lines.position(offset.min(self.text.len()));
        (p.line, p.column)
    }

    // Kept whole: the checks of the glossary's top-level tables, in the order the file declares
    // them.
    fn glossary(&mut self, raw: RawGlossary, path: &Path) -> Glossary {
        if let Some(version) = &raw.version {
            if *version.get_ref() != 1 {
                let msg = format!(
                    "unsupported glossary version {}; this termlint reads version 1",
                    version.get_ref()
                );
                self.at(version.span(), msg);
            }
        }
        let default_language = match &raw.defaults.language {
            Some(lang) => self.lang(lang).unwrap_or_else(english),
            None => english(),
        };
        let case = raw
            .defaults
            .case
            .as_ref()
            .and_then(|c| self.case(c))
            .unwrap_or(CasePolicy::Exact);
        let equivalent = self.equivalent(&raw.defaults.equivalent);
        let severities = self.severities(&raw.rules);
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut spans = Vec::new();
        let terms: Vec<Term> = raw
            .terms
            .into_iter()
            .filter_map(|t| {
                let span = t.span();
                let term = self.term(t, case, &mut ids)?;
                spans.push(span);
                Some(term)
            })
            .collect();
        self.patterns_against_renderings(&terms, &spans);
        let patterns = match super::PatternSet::build(&terms) {
            Ok(sets) => sets,
            Err(e) => {
                self.at(
                    0..0,
                    format!("the forbidden patterns together are too large to compile: {e}"),
                );
                Vec::new()
            }
        };
        Glossary {
            short_forms: self.short_forms,
            patterns,
            path: path.to_path_buf(),
            default_language,
            equivalent,
            terms,
            severities,
            near_miss_ignore: raw.near_miss.ignore.iter().map(|w| fold_key(w)).collect(),
            near_miss_dictionaries: raw
                .near_miss
                .dictionaries
                .iter()
                .filter_map(|d| self.dictionary(path, d))
                .collect(),
            near_miss_evidence: raw.near_miss.evidence.unwrap_or(true),
            ignores: raw
                .ignores
                .iter()
                .filter_map(|i| self.path_ignore(i))
                .collect(),
            sets: raw.sets.iter().filter_map(|s| self.set(s)).collect(),
            files: self.files(&raw.files),
        }
    }

    /// A `[near-miss] dictionaries` entry: its `.aff` and `.dic` exist, and
    /// its file name gives a language (`pl_PL.dic`). They are read only
    /// when a document in that language is checked.
    fn dictionary(
        &mut self,
        glossary: &Path,
        entry: &Spanned<String>,
    ) -> Option<(LangTag, PathBuf)> {
        let at = glossary
            .parent()
            .unwrap_or(Path::new(""))
            .join(entry.get_ref());
        let base = at.with_extension("");
        let language = base
            .file_name()
            .and_then(|s| s.to_str())
            .and_then(|s| LangTag::parse(&s.replace('_', "-")));
        let Some(language) = language else {
            self.at(
                entry.span(),
                format!(
                    "[near-miss] dictionaries: `{}` does not say its language; name the files like `pl_PL.aff` and `pl_PL.dic`",
                    entry.get_ref()
                ),
            );
            return None;
        };
        for ext in ["aff", "dic"] {
            let file = base.with_extension(ext);
            if !file.is_file() {
                self.at(
                    entry.span(),
                    format!(
                        "[near-miss] dictionaries: {} not found (a Hunspell dictionary is a .aff and a .dic file side by side)",
                        file.display()
                    ),
                );
                return None;
            }
        }
        Some((language, base.with_extension("dic")))
    }

    fn files(&mut self, raw: &RawFiles) -> FileSelection {
        let mut globs = |patterns: &[Spanned<String>], key: &str| {
            if patterns.is_empty() {
                return None;
            }
            match crate::globs::Globs::new(patterns.iter().map(|p| p.get_ref().as_str())) {
                Ok(globs) => Some(globs),
                Err(e) => {
                    let at = patterns
                        .iter()
                        .find(|p| e.contains(&format!("`{}`", p.get_ref())))
                        .unwrap_or(&patterns[0])
                        .span();
                    self.at(at, format!("[files] {key}: {e}"));
                    None
                }
            }
        };
        let include = globs(&raw.include, "include");
        let exclude = globs(&raw.exclude, "exclude");
        let mut include_states = Vec::new();
        for state in &raw.include_states {
            match crate::states::known(state.get_ref()) {
                Some(known) => include_states.push(known),
                None => self.at(
                    state.span(),
                    format!(
                        "unknown unit state `{}` in [files] include-states; states are: {}",
                        state.get_ref(),
                        crate::states::ALL.join(", ")
                    ),
                ),
            }
        }
        let encoding = raw.encoding.as_ref().and_then(|label| {
            match crate::encoding::Charset::parse_label(label.get_ref()) {
                Ok(charset) => charset,
                Err(message) => {
                    self.at(label.span(), format!("[files] encoding: {message}"));
                    None
                }
            }
        });
        FileSelection {
            include,
            exclude,
            include_states,
            encoding,
        }
    }

    fn lang(&mut self, key: &Spanned<String>) -> Option<LangTag> {
        let tag = match self.tags.get(key.get_ref()) {
            Some(tag) => tag.clone(),
            None => {
                let tag = LangTag::parse(key.get_ref());
                self.tags.insert(key.get_ref().clone(), tag.clone());
                tag
            }
        };
        // Not a tag, or `rus` for `ru`.
        let three = || {
            key.get_ref()
                .split(['-', '_'])
                .next()
                .is_some_and(|p| p.len() == 3)
        };
        if tag.is_none() || three() {
            if let Some(msg) = super::keys::term_key(key.get_ref()) {
                self.at(key.span(), msg);
                return None;
            }
        }
        tag
    }

    fn case(&mut self, value: &Spanned<String>) -> Option<CasePolicy> {
        let found = CasePolicy::parse(value.get_ref());
        if found.is_none() {
            self.at(
                value.span(),
                format!(
                    "unknown case `{}`; expected `exact` or `ignore`",
                    value.get_ref()
                ),
            );
        }
        found
    }

    fn category(&mut self, value: &Spanned<String>) -> Option<Category> {
        let found = Category::parse(value.get_ref());
        if found.is_none() {
            let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
            let msg = format!(
                "unknown category `{}`; categories are: {}",
                value.get_ref(),
                all.join(", ")
            );
            self.at(value.span(), msg);
        }
        found
    }

    fn equivalent(&mut self, raw: &[Spanned<String>]) -> Vec<Vec<char>> {
        let mut group = Vec::new();
        let mut folded_as: Option<String> = None;
        for s in raw {
            let mut chars = s.get_ref().chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                self.at(
                    s.span(),
                    format!(
                        "`{}` in `equivalent` is not a single character",
                        s.get_ref()
                    ),
                );
                continue;
            };
            let folded = normalize(s.get_ref()).text;
            match &folded_as {
                Some(f) if *f != folded => {
                    let msg = format!("`{c}` does not fold like the other `equivalent` characters; only characters termlint folds alike can be equivalent");
                    self.at(s.span(), msg);
                }
                _ => folded_as = Some(folded),
            }
            group.push(c);
        }
        if group.len() < 2 {
            return Vec::new();
        }
        vec![group]
    }

    fn set(&mut self, raw: &RawSet) -> Option<SetSpec> {
        let globs = self.globs(&raw.paths, "[[set]]")?;
        let source = match &raw.source {
            Some(tag) => Some(self.lang(tag)?),
            None => None,
        };
        if raw.name.get_ref().trim().is_empty() {
            self.at(raw.name.span(), "empty set name".to_owned());
            return None;
        }
        let source_document = match &raw.source_document {
            Some(path) => {
                let relative = PathBuf::from(path.get_ref().trim_start_matches("./"));
                if !globs.is_match(&relative) {
                    let msg = format!(
                        "source-document `{}` is not among the set's paths; name one of the documents `paths` selects",
                        path.get_ref()
                    );
                    self.at(path.span(), msg);
                    return None;
                }
                Some(relative)
            }
            None => None,
        };
        Some(SetSpec {
            name: raw.name.get_ref().clone(),
            globs,
            source,
            source_document,
        })
    }

    fn globs(&mut self, paths: &[Spanned<String>], table: &str) -> Option<globset::GlobSet> {
        let mut builder = globset::GlobSetBuilder::new();
        let before = self.problems.len();
        for p in paths {
            match globset::GlobBuilder::new(p.get_ref())
                .literal_separator(true)
                .build()
            {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(e) => self.at(
                    p.span(),
                    format!("bad glob `{}` in {table}: {}", p.get_ref(), e.kind()),
                ),
            }
        }
        if self.problems.len() > before {
            return None;
        }
        builder.build().ok()
    }

    fn path_ignore(&mut self, raw: &RawIgnore) -> Option<PathIgnore> {
        let before = self.problems.len();
        let globs = self.globs(&raw.paths, "[[ignore]]");
        let mut rules = Vec::new();
        for r in raw.rules.iter().flatten() {
            match Rule::from_code(r.get_ref()) {
                Some(rule) => rules.push(rule),
                None => {
                    self.at(r.span(), Rule::unknown(r.get_ref(), "in [[ignore]]"));
                }
            }
        }
        let globs = globs?;
        (self.problems.len() == before).then(|| PathIgnore {
            globs,
            rules: raw.rules.as_ref().map(|_| rules),
        })
    }

    fn severities(
        &mut self,
        raw: &std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
    ) -> Vec<(Rule, Option<Severity>)> {
        let mut out = Vec::new();
        for (key, value) in raw {
            let Some(rule) = Rule::from_code(key.get_ref()) else {
                self.at(key.span(), Rule::unknown(key.get_ref(), "in [rules]"));
                continue;
            };
            let severity = match value.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "off" => None,
                other => {
                    let msg = format!("unknown severity `{other}` for `{rule}`; expected `error`, `warning` or `off`");
                    self.at(value.span(), msg);
                    continue;
                }
            };
            out.push((rule, severity));
        }
        out
    }

    fn term(
        &mut self,
        raw: Spanned<RawTerm>,
        default_case: CasePolicy,
        ids: &mut HashMap<String, usize>,
    ) -> Option<Term> {
        let span = raw.span();
        let raw = raw.into_inner();
        let before = self.problems.len();
        let category = raw
            .category
            .as_ref()
            .and_then(|c| self.category(c))
            .unwrap_or(Category::Other);
        let case = raw
            .case
            .as_ref()
            .and_then(|c| self.case(c))
            .unwrap_or(default_case);
        let mut candidates = self.renderings(&raw);
        self.forms(&raw, &mut candidates);
        let id = self.term_id(&raw, &candidates, span.clone())?;
        let line = self
            .line_col(raw.id.as_ref().map_or(span.start, |s| s.span().start))
            .0;
        if let Some(first) = ids.insert(id.clone(), line) {
            let at = raw.id.as_ref().map_or(span, Spanned::span);
            self.at(
                at,
                format!("duplicate term id `{id}` (first at line {first})"),
            );
        }
        self.check_claims(&id, line, &candidates);
        if self.problems.len() > before {
            return None;
        }
        let patterns = self.patterns(&raw);
        if self.problems.len() > before {
            return None;
        }
        Some(Term {
            id,
            category,
            note: raw.note,
            case,
            inflect: raw.inflect.unwrap_or(true),
            near_miss_words: raw.near_miss_words.unwrap_or(false),
            renderings: candidates.into_iter().map(|c| c.rendering).collect(),
            patterns,
        })
    }

    /// A term's `forbidden-patterns`, each compiled alone so that an error
    /// names its line and column with the regex crate's message.
    fn patterns(&mut self, raw: &RawTerm) -> Vec<ForbiddenPattern> {
        let mut out = Vec::new();
        for (key, value) in &raw.languages {
            let RawRendering::Table(table) = value else {
                continue;
            };
            // The key was checked with the renderings.
            let Some(Some(language)) = self.tags.get(key.get_ref()).cloned() else {
                continue;
            };
            for pattern in &table.forbidden_patterns {
                let folded = crate::normalize::fold_pattern(pattern.get_ref());
                match regex::RegexBuilder::new(&folded)
                    .case_insensitive(true)
                    .build()
                {
                    Ok(_) => out.push(ForbiddenPattern {
                        language: language.clone(),
                        source: pattern.get_ref().clone(),
                        folded,
                    }),
                    Err(e) => {
                        let message = match e {
                            regex::Error::Syntax(s) => {
                                s.lines().last().unwrap_or("").trim().to_owned()
                            }
                            other => other.to_string(),
                        };
                        self.at(
                            pattern.span(),
                            format!(
                                "forbidden pattern `{}` is not a regular expression: {message}",
                                pattern.get_ref()
                            ),
                        );
                    }
                }
            }
        }
        out
    }

    /// Reports each forbidden pattern that matches an allowed rendering of
    /// its language (in any term), which it would forbid.
    fn patterns_against_renderings(&mut self, terms: &[Term], raw_spans: &[Range<usize>]) {
        for (term, span) in terms.iter().zip(raw_spans) {
            for pattern in &term.patterns {
                let Ok(whole) = regex::RegexBuilder::new(&format!("^(?:{})$", pattern.folded))
                    .case_insensitive(true)
                    .build()
                else {
                    continue;
                };
                let allowed = terms.iter().flat_map(|t| {
                    t.renderings
                        .iter()
                        .filter(|r| {
                            r.language == pattern.language && r.kind != RenderingKind::Forbidden
                        })
                        .map(move |r| (t, r))
                });
                for (t, r) in allowed {
                    if whole.is_match(&r.key) {
                        let msg = format!(
                            "forbidden pattern `{}` ({}) matches \"{}\", an allowed rendering of `{}`; narrow the pattern",
                            pattern.source, pattern.language, r.text, t.id
                        );
                        self.at(span.clone(), msg);
                    }
                }
            }
        }
    }

    fn term_id(
        &mut self,
        raw: &RawTerm,
        candidates: &[Candidate],
        span: Range<usize>,
    ) -> Option<String> {
        if let Some(id) = &raw.id {
            let ok = !id.get_ref().is_empty()
                && id
                    .get_ref()
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !ok {
                let msg = format!(
                    "term id `{}` may hold only letters, digits, `-`, `_` and `.`",
                    id.get_ref()
                );
                self.at(id.span(), msg);
            }
            return Some(id.get_ref().clone());
        }
        let first = candidates
            .iter()
            .find(|c| c.rendering.kind == RenderingKind::Preferred);
        match first {
            Some(c) => Some(slug(&c.rendering.text)),
            None => {
                if raw.languages.is_empty() {
                    self.at(span, "term has no renderings".to_owned());
                } else if !candidates.is_empty() {
                    self.at(
                        span,
                        "term has no `id` and no preferred rendering to derive one from".to_owned(),
                    );
                }
                None
            }
        }
    }

    fn renderings(&mut self, raw: &RawTerm) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut seen_langs: FastMap<LangTag, ()> = FastMap::default();
        // (language, key) → index in `out`, for `check_within_term`.
        let mut seen: FastMap<(LangTag, String), usize> = FastMap::default();
        for (key, value) in &raw.languages {
            let Some(lang) = self.lang(key) else { continue };
            if seen_langs.insert(lang.clone(), ()).is_some() {
                self.at(
                    key.span(),
                    format!("language `{lang}` is given twice in this term"),
                );
                continue;
            }
            // The kind, and whether the rendering is a `short` form.
            let listed: Vec<(&Spanned<String>, (RenderingKind, bool))> = match value {
                RawRendering::Shorthand(s) => vec![(s, (RenderingKind::Preferred, false))],
                RawRendering::Table(t) => {
                    let all: Vec<_> = t
                        .preferred
                        .iter()
                        .map(|s| (s, (RenderingKind::Preferred, false)))
                        .chain(
                            t.accepted
                                .iter()
                                .map(|s| (s, (RenderingKind::Accepted, false))),
                        )
                        .chain(
                            t.forbidden
                                .iter()
                                .map(|s| (s, (RenderingKind::Forbidden, false))),
                        )
                        .chain(t.short.iter().map(|s| (s, (RenderingKind::Form, true))))
                        .collect();
                    if all.is_empty() {
                        self.at(key.span(), format!("`{lang}` lists no rendering"));
                    }
                    all
                }
            };
            for (text, (kind, short)) in listed {
                if let Some(c) = self.rendering(text, kind, &lang) {
                    self.short_forms += usize::from(short);
                    let slot = (c.rendering.language.clone(), c.rendering.key.clone());
                    match seen.get(&slot) {
                        Some(&earlier) => self.within_term(&out[earlier], &c),
                        None => {
                            seen.insert(slot, out.len());
                        }
                    }
                    out.push(c);
                }
            }
        }
        out
    }

    /// `forms` apply in every language the term has a rendering in.
    fn forms(&mut self, raw: &RawTerm, candidates: &mut Vec<Candidate>) {
        let mut languages: Vec<LangTag> = candidates
            .iter()
            .map(|c| c.rendering.language.clone())
            .collect();
        languages.dedup();
        if languages.is_empty() {
            if let Some(first) = raw.forms.first() {
                let msg = "`forms` needs at least one rendering in some language".to_owned();
                self.at(first.span(), msg);
            }
            return;
        }
        for form in &raw.forms {
            for lang in &languages {
                let Some(c) = self.rendering(form, RenderingKind::Form, lang) else {
                    break;
                };
                let known = candidates
                    .iter()
                    .any(|o| o.rendering.language == *lang && o.rendering.key == c.rendering.key);
                if !known {
                    candidates.push(c);
                }
            }
        }
    }

    fn rendering(
        &mut self,
        text: &Spanned<String>,
        kind: RenderingKind,
        lang: &LangTag,
    ) -> Option<Candidate> {
        let s = text.get_ref();
        let key = fold_key(s);
        let problem = if s.trim().is_empty() {
            Some(format!("empty rendering in `{lang}`"))
        } else if s.trim() != s {
            Some(format!("rendering `{s}` has leading or trailing space"))
        } else if !key.chars().any(char::is_alphanumeric) {
            // Invisible characters, combining marks or punctuation alone can
            // never be a whole word in a document.
            Some(format!(
                "rendering `{}` in `{lang}` has no letter or digit",
                s.escape_unicode()
            ))
        } else {
            None
        };
        if let Some(msg) = problem {
            self.at(text.span(), msg);
            return None;
        }
        Some(Candidate {
            rendering: Rendering {
                text: s.clone(),
                key,
                language: lang.clone(),
                kind,
            },
            span: text.span(),
        })
    }

    /// One folded key may appear once per language in a term: `new` has
    /// the key and language of `earlier`.
    fn within_term(&mut self, earlier: &Candidate, new: &Candidate) {
        let r = &new.rendering;
        let old = &earlier.rendering;
        let forbidden_vs_allowed =
            (old.kind == RenderingKind::Forbidden) != (r.kind == RenderingKind::Forbidden);
        let msg = if old.text == r.text && forbidden_vs_allowed {
            let kind = if old.kind == RenderingKind::Forbidden {
                kind_name(r.kind)
            } else {
                kind_name(old.kind)
            };
            format!(
                "rendering `{}` is both {kind} and forbidden in `{}`",
                r.text, r.language
            )
        } else if old.text == r.text {
            format!("rendering `{}` is listed twice in `{}`", r.text, r.language)
        } else if old.text.to_lowercase() == r.text.to_lowercase() {
            format!(
                "`{}` differs from `{}` only in letter case; termlint matches both as one rendering (the `case` rule reports wrong case)",
                r.text, old.text
            )
        } else {
            format!(
                "`{}` differs from `{}` only in characters termlint folds (dashes, apostrophes, spaces, look-alike letters); termlint matches both as one rendering (the `lookalike` rule reports the difference)",
                r.text, old.text
            )
        };
        self.at(new.span.clone(), msg);
    }

    /// SPEC §2: two terms may not claim the same rendering in one language.
    fn check_claims(&mut self, id: &str, line: usize, candidates: &[Candidate]) {
        let owner: Rc<str> = id.into();
        for c in candidates {
            let r = &c.rendering;
            let slot = (r.language.clone(), r.key.clone());
            match self.claims.get(&slot) {
                Some((other, other_line)) if &**other != id => {
                    let msg = format!(
                        "rendering `{}` in `{}` is already claimed by term `{other}` (line {other_line})",
                        r.text, r.language
                    );
                    self.at(c.span.clone(), msg);
                }
                Some(_) => {}
                None => {
                    self.claims.insert(slot, (Rc::clone(&owner), line));
                }
            }
        }
    }
}

fn kind_name(kind: RenderingKind) -> &'static str {
    match kind {
        RenderingKind::Preferred => "preferred",
        RenderingKind::Accepted => "accepted",
        RenderingKind::Forbidden => "forbidden",
        RenderingKind::Form => "a form",
    }
}

fn english() -> LangTag {
    LangTag::parse("en").expect("`en` is a well-formed language tag")
}

/// `Birlestik-2024` → `birlestik-2024`, `Alat International Trade Seaport` →
/// `alat-international-trade-seaport`.
/// The id a term gets from its first preferred rendering.
pub(crate) fn slug(text: &str) -> String {
    let folded = fold_key(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{slug, GlossaryError};
    use crate::glossary::{Glossary, RenderingKind};

    fn problems(text: &str) -> Vec<String> {
        match Glossary::from_str(text, Path::new("g.toml")) {
            Ok(_) => Vec::new(),
            Err(GlossaryError::Invalid { problems, .. }) => problems
                .into_iter()
                .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
                .collect(),
            Err(e) => vec![e.to_string()],
        }
    }

    #[test]
    fn shorthand_and_table_load() {
        let g = Glossary::from_str(
            "[[term]]\nid = \"astana\"\ncategory = \"place\"\nen = \"Astana\"\nru = { preferred = \"Астана\", forbidden = [\"Нур-Султан\"] }\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let t = &g.terms[0];
        assert_eq!(t.renderings.len(), 3);
        assert_eq!(t.renderings[2].kind, RenderingKind::Forbidden);
        // Cyrillic letters that look Latin fold to Latin: Н→h, у→y, р→p, С→c, т→t, а→a.
        assert_eq!(t.renderings[2].key, "hyp-cyлtah");
    }

    #[test]
    fn id_defaults_to_slug_of_first_preferred() {
        assert_eq!(
            slug("Alat International Trade Seaport"),
            "alat-international-trade-seaport"
        );
        assert_eq!(slug("Birlestik-2024"), "birlestik-2024");
        let g = Glossary::from_str("[[term]]\nen = \"COP29\"\n", Path::new("g.toml")).unwrap();
        assert_eq!(g.terms[0].id, "cop29");
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        assert_eq!(
            problems("[defaults]\nlanguag = \"en\"\n")[0]
                .split(':')
                .take(2)
                .collect::<Vec<_>>(),
            ["2", "1"]
        );
        let p = problems("[[term]]\nen = { preferred = \"A\", forbiden = [\"B\"] }\n");
        assert!(p[0].starts_with("2:"), "{p:?}");
        assert!(p[0].contains("forbiden"), "{p:?}");
    }

    #[test]
    fn unknown_category_is_an_error() {
        let p = problems("[[term]]\ncategory = \"city\"\nen = \"Baku\"\n");
        assert_eq!(p, ["2:12: unknown category `city`; categories are: place, person, title, organization, project, event, other"]);
    }

    #[test]
    fn british_organisation_is_the_organization_category() {
        assert!(problems("[[term]]\ncategory = \"organisation\"\nen = \"UN\"\n").is_empty());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let p = problems(concat!(
            "[[term]]\nid = \"a\"\nen = \"Astana\"\n",
            "[[term]]\nid = \"a\"\nen = { preferred = \"Baku\", forbidden = [\"Baku\"] }\n",
            "[[term]]\nid = \"c\"\nen = \"ASTANA\"\nenglish = \"x\"\n",
            "[[term]]\nid = \"d\"\nen = \"\"\ncategory = \"city\"\ncase = \"upper\"\n",
        ));
        assert_eq!(p, [
            "5:6: duplicate term id `a` (first at line 2)",
            "6:41: rendering `Baku` is both preferred and forbidden in `en`",
            "9:6: rendering `ASTANA` in `en` is already claimed by term `a` (line 2)",
            "10:1: `english` is not a language tag (BCP 47, such as `en`, `ru` or `uz-Latn`) nor a term key (id, category, note, case, inflect, forms, near-miss-words)",
            "13:6: empty rendering in `en`",
            "14:12: unknown category `city`; categories are: place, person, title, organization, project, event, other",
            "15:8: unknown case `upper`; expected `exact` or `ignore`",
        ]);
    }

    #[test]
    fn forbidden_in_one_language_may_be_preferred_in_another() {
        assert!(problems("[[term]]\nen = { preferred = \"Tashkent\", forbidden = [\"Toshkent\"] }\nuz = \"Toshkent\"\n").is_empty());
    }

    #[test]
    fn case_only_and_fold_only_twins_are_explained() {
        let p = problems(
            "[[term]]\nen = { preferred = \"Caspian Sea\", forbidden = [\"Caspian sea\"] }\n",
        );
        assert!(p[0].contains("only in letter case"), "{p:?}");
        let p = problems(
            "[[term]]\nuz = { preferred = \"Oʻzbekiston\", forbidden = [\"O'zbekiston\"] }\n",
        );
        assert!(p[0].contains("only in characters termlint folds"), "{p:?}");
    }

    #[test]
    fn invisible_only_rendering_is_an_error() {
        let p = problems("[[term]]\nen = \"\u{200B}\u{AD}\"\n");
        assert_eq!(
            p,
            ["2:6: rendering `\\u{200b}\\u{ad}` in `en` has no letter or digit"]
        );
        let p = problems("[[term]]\nen = \"\u{301}\u{308}\"\n");
        assert_eq!(
            p,
            ["2:6: rendering `\\u{301}\\u{308}` in `en` has no letter or digit"]
        );
    }

    #[test]
    fn rules_table_is_validated() {
        assert!(problems("[rules]\nforbidden = \"warning\"\ncase = \"off\"\n").is_empty());
        let p = problems("[rules]\nforbiden = \"warning\"\ncase = \"loud\"\n");
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn inflect_and_forms_load() {
        let g = Glossary::from_str(
            "[[term]]\nen = \"Uzbekistan\"\nru = \"Узбекистан\"\ninflect = false\nforms = [\"Uzbek\"]\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let t = &g.terms[0];
        assert!(!t.inflect);
        let forms: Vec<_> = t
            .renderings
            .iter()
            .filter(|r| r.kind == RenderingKind::Form)
            .map(|r| r.language.as_str())
            .collect();
        assert_eq!(forms, ["en", "ru"]);
        assert_eq!(
            problems("[[term]]\nid = \"x\"\nforms = [\"Uzbek\"]\n").len(),
            1
        );
    }

    #[test]
    fn toml_syntax_errors_have_positions() {
        let p = problems("[[term]]\nen = \"Baku\n");
        assert!(p[0].starts_with("2:"), "{p:?}");
    }

    #[test]
    fn ignore_tables_are_validated_and_matched() {
        let g = Glossary::from_str(
            "[[ignore]]\npaths = [\"vendor/**\"]\n[[ignore]]\npaths = [\"legacy/*.md\"]\nrules = [\"near-miss\"]\n",
            Path::new("g.toml"),
        )
        .unwrap();
        assert_eq!(g.ignored_for(Path::new("vendor/a/b.txt")), None);
        assert_eq!(
            g.ignored_for(Path::new("legacy/a.md")),
            Some(vec![crate::rule::Rule::NearMiss])
        );
        assert_eq!(g.ignored_for(Path::new("legacy/sub/a.md")), Some(vec![]));
        let p = problems("[[ignore]]\npaths = [\"a[\"]\nrules = [\"nope\"]\n");
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn a_source_document_is_one_of_the_sets_paths() {
        let g = Glossary::from_str(
            "[[set]]\nname = \"s\"\npaths = [\"seeds/*.txt\"]\nsource-document = \"./seeds/transcript.txt\"\n",
            Path::new("g.toml"),
        )
        .unwrap();
        assert_eq!(
            g.sets[0].source_document.as_deref(),
            Some(Path::new("seeds/transcript.txt"))
        );
        let p = problems(
            "[[set]]\nname = \"s\"\npaths = [\"seeds/*.txt\"]\nsource-document = \"other/t.txt\"\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("4:19: source-document `other/t.txt` is not among"),
            "{p:?}"
        );
    }

    #[test]
    fn equivalent_must_fold_alike() {
        assert!(problems("[defaults]\nequivalent = [\"-\", \"‐\"]\n").is_empty());
        assert_eq!(
            problems("[defaults]\nequivalent = [\"-\", \"a\"]\n").len(),
            1
        );
    }
}
