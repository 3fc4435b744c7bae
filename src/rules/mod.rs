//! The rules: what counts as a finding.
//!
//! [`Rule`] is the registry: every rule's id, default severity and
//! documentation (`docs/rules/<id>.md`, the single text behind rustdoc,
//! `termlint explain` and every report's help). Adding a variant fails to
//! compile until every table below handles it.
//!
//! In: one document's term matches. Out: findings, created only through
//! [`Context::report`], which applies the configured severity. Rules never
//! print.

mod case;
mod context;
mod cross_document;
mod difference;
mod forbidden;
mod inconsistent;
mod lookalike;
mod missing_translation;
mod near_miss;
mod number_mismatch;

use std::ops::Range;

use crate::diagnostic::Finding;
use crate::glossary::{CasePolicy, Glossary};
use crate::lang::LangTag;
use crate::matcher::{FuzzyIndex, TermMatch};

pub use crate::rule::Rule;
pub use context::{Context, RuleSet};
pub use cross_document::compared_form;

/// Runs every enabled rule over one document's matches. A match gets at most
/// one of `forbidden`, `lookalike` and `case`: each applies to a different
/// kind of difference.
pub fn run_document(ctx: &mut Context<'_>, matches: &[TermMatch], fuzzy: Option<&FuzzyIndex>) {
    if matches.len() < MATCHES_IN_PARALLEL {
        each_match(ctx, matches);
    } else {
        // A large document's matches were found on every core; checking
        // them one by one after that was a tenth of checking a 100 MB file.
        let chunks: Vec<&[TermMatch]> = matches.chunks(MATCHES_IN_PARALLEL / 2).collect();
        let segments = ctx.segments;
        ctx.check_in_parallel(&chunks, |_| segments, |own, chunk| each_match(own, chunk));
    }
    forbidden::check_patterns(ctx, matches);
    inconsistent::check(ctx, matches);
    if let Some(index) = fuzzy {
        near_miss::check(ctx, matches, index);
        if !ctx.glossary.patterns.is_empty() {
            ctx.drop_overlapping(Rule::NearMiss, Rule::Forbidden);
        }
    }
}

/// `inconsistent` alone, over matches gathered from a whole document that
/// was checked in parts (a translation memory, window by window).
pub fn run_inconsistent(ctx: &mut Context<'_>, matches: &[TermMatch]) {
    inconsistent::check(ctx, matches);
}

/// [`run_inconsistent`] over matches gathered from parts whose text is
/// gone (a memory read from its file window by window): `ctx`'s text need
/// only hold each match's own letters, and `introduced` says, one flag per
/// match, what [`inconsistent_introduced`] said of it in its part.
pub fn run_inconsistent_with(ctx: &mut Context<'_>, matches: &[TermMatch], introduced: &[bool]) {
    inconsistent::check_with(ctx, matches, introduced);
}

/// Which of `matches` (in order, disjoint, in `text`) a rendering of their
/// term introduces in parentheses just before them, which `inconsistent`
/// does not count against the document.
pub fn inconsistent_introduced(
    text: &str,
    glossary: &Glossary,
    matches: &[TermMatch],
) -> Vec<bool> {
    inconsistent::introduced(text, glossary, matches)
}

/// The lower-case spelling whose use as a word anywhere in the document
/// makes the near-miss candidate `found` an ordinary word, if it has one.
pub fn near_miss_lower_case(found: &str) -> Option<String> {
    near_miss::lower_case_form(found)
}

/// Those of `wanted` that `text` holds as whole words: near-miss's
/// evidence that a capitalised candidate is an ordinary word. The answer
/// for a text is the union of the answers for its parts, cut between words.
pub fn whole_words_in(
    text: &str,
    wanted: std::collections::HashSet<String>,
) -> std::collections::HashSet<String> {
    near_miss::whole_words_in(text, wanted)
}

/// From this many matches in one document, the rules for each match run
/// in parallel chunks of half as many (a 100 KB file has about a hundred).
const MATCHES_IN_PARALLEL: usize = 4096;

/// The rules that look at one match at a time.
fn each_match(ctx: &mut Context<'_>, matches: &[TermMatch]) {
    for m in matches {
        forbidden::check(ctx, m);
        lookalike::check(ctx, m);
        case::check(ctx, m);
    }
}

/// One document of a set, as the set rules see it.
pub struct Member<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// The document's language (an XLIFF's target language).
    pub language: &'a LangTag,
    /// Its matches in that language.
    pub matches: &'a [TermMatch],
    /// Its checked text in that language.
    pub segments: &'a [Range<usize>],
    pub rules: &'a RuleSet,
    /// Where a finding about the whole document points: its first text.
    pub start: usize,
    /// A bilingual file (PO, XLIFF, TMX): its units carry their own
    /// sources, and it is compared unit by unit only.
    pub bilingual: bool,
    /// The set's `source-document`: the one the others render.
    pub is_source_document: bool,
}

/// Runs the set rules over the members of one set whose source language is
/// `source`; returns the findings of each member, in member order.
pub fn run_set(glossary: &Glossary, source: &LangTag, members: &[Member<'_>]) -> Vec<Vec<Finding>> {
    let mut out = cross_document::check(glossary, members);
    let more = [
        missing_translation::check(glossary, source, members),
        number_mismatch::compare_set(glossary, source, members),
    ];
    for findings in more {
        for (all, extra) in out.iter_mut().zip(findings) {
            all.extend(extra);
        }
    }
    out
}

/// Whether a match is an ordinary word of the language rather than the name
/// (issue 21): found all in lower case where the glossary capitalises the
/// rendering, every word of it in the word list of the document's language
/// (or of the rendering's own, for the default language's fallback), on a
/// term whose case is not `ignore`. "We ate turkey" is not Turkey. Such
/// matches are dropped before any rule sees them, so neither `forbidden`,
/// `case` nor the set rules count them.
pub fn is_ordinary_word(
    glossary: &Glossary,
    language: &LangTag,
    text: &str,
    m: &TermMatch,
) -> bool {
    let stem = &text[m.stem()];
    // Most names are found capitalised: that answers at once.
    if stem.chars().any(char::is_uppercase) {
        return false;
    }
    let (term, rendering) = (m.term(glossary), m.rendering(glossary));
    term.case != CasePolicy::Ignore
        && rendering.text.chars().any(char::is_uppercase)
        && stem
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                let w = crate::normalize::fold_key(w);
                crate::dictionary::is_word(language, &w)
                    || crate::dictionary::is_word(&rendering.language, &w)
            })
}

/// Runs `each` for every member in another language than the set's source,
/// with a context for that translation and the set's source documents;
/// returns the findings of every member (none for the sources).
fn per_translation<'m>(
    glossary: &Glossary,
    source: &LangTag,
    members: &'m [Member<'m>],
    mut each: impl FnMut(&mut Context<'_>, &[&'m Member<'m>], &Member<'_>),
) -> Vec<Vec<Finding>> {
    // A bilingual file is checked unit by unit against its own sources
    // (`run_units`): compared as a whole with another member too, one
    // mistake would be reported twice, and the catalogues of one program
    // in two languages (`wget.ga.po`, `wget.en_GB.po`) would be compared
    // with each other as if one translated the other.
    let sources: Vec<&Member<'_>> = members
        .iter()
        .filter(|m| m.language.primary() == source.primary() && !m.bilingual)
        .collect();
    per_member(glossary, members, |ctx, target| {
        if target.language.primary() != source.primary() && !sources.is_empty() && !target.bilingual
        {
            each(ctx, &sources, target);
        }
    })
}

/// Runs `each` over every member in a context of its own; returns each
/// member's findings, in member order.
fn per_member(
    glossary: &Glossary,
    members: &[Member<'_>],
    mut each: impl FnMut(&mut Context<'_>, &Member<'_>),
) -> Vec<Vec<Finding>> {
    members
        .iter()
        .map(|target| {
            let mut ctx = Context::new(
                target.path,
                target.text,
                target.segments,
                target.language,
                glossary,
                target.rules,
            );
            each(&mut ctx, target);
            ctx.into_findings()
        })
        .collect()
}

/// One translation unit of an XLIFF or PO document: its source and target
/// text and matches.
pub struct Unit<'a> {
    /// The source's language, where the file says it.
    pub source_language: Option<&'a LangTag>,
    pub source: &'a [Range<usize>],
    pub source_matches: &'a [TermMatch],
    pub target: &'a [Range<usize>],
    pub target_matches: &'a [TermMatch],
}

/// `missing-translation` and `number-mismatch` between each unit's source
/// and target, reported in `ctx` (the target language's context).
pub fn run_units(ctx: &mut Context<'_>, units: &[Unit<'_>]) {
    let reads_words = crate::numbers::reads_words(ctx.language.primary());
    for u in units {
        let Some(start) = u.target.first().map(|r| r.start) else {
            continue;
        };
        if ctx.runs(Rule::MissingTranslation) {
            let source_language = u.source_language.unwrap_or(&ctx.glossary.default_language);
            missing_translation::check_unit(
                ctx,
                (u.source_matches, source_language),
                u.target_matches,
                start,
            );
        }
        // Reading numbers is most of a unit's cost: only when asked for.
        if ctx.runs(Rule::NumberMismatch) {
            let text: std::borrow::Cow<'_, str> = match u.source {
                [one] => ctx.text[one.clone()].into(),
                more => more
                    .iter()
                    .map(|r| &ctx.text[r.clone()])
                    .collect::<String>()
                    .into(),
            };
            if number_mismatch::is_setting(&text) {
                continue;
            }
            let path = ctx.path;
            let source: Vec<_> = number_mismatch::stated(
                ctx.text,
                u.source,
                u.source_matches,
                u.source_language,
                true,
            )
            .into_iter()
            .map(|n| (n, path))
            .collect();
            let language = ctx.language;
            // A unit whose source states nothing a translation could leave
            // out is never reported: its target's numbers are not read.
            if !source
                .iter()
                .any(|(n, _)| number_mismatch::can_be_left_out(n, reads_words))
            {
                continue;
            }
            let target = number_mismatch::stated(
                ctx.text,
                u.target,
                u.target_matches,
                Some(language),
                false,
            );
            let example = || number_mismatch::gives_example(&text);
            number_mismatch::compare(ctx, &source, &target, "the unit's source", example);
        }
    }
}

/// Findings of one document, sorted per SPEC §4.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    use super::{run_document, Context, Rule, RuleSet};
    use crate::glossary::Glossary;
    use crate::lang::LangTag;
    use crate::matcher::Matcher;

    /// The replacements `rule`'s fixes propose over `text` in `lang`.
    pub(crate) fn fixes(lang: &str, glossary: &str, text: &str, rule: &str) -> Vec<String> {
        findings(lang, glossary, text)
            .into_iter()
            .filter(|f| f.rule.code() == rule)
            .filter_map(|f| f.fix().map(|x| x.replacement.to_string()))
            .collect()
    }

    fn findings(lang: &str, glossary: &str, text: &str) -> Vec<crate::diagnostic::Finding> {
        let g = Glossary::from_str(glossary, Path::new("g.toml")).unwrap();
        let rules = RuleSet::new(&g, None, &[]);
        let lang = LangTag::parse(lang).unwrap();
        let matcher = Matcher::new(&g);
        let mut matches = matcher.find(&lang, text, 0, crate::normalize::Syntax::Plain);
        matches.retain(|m| !super::is_ordinary_word(&g, &lang, text, m));
        let segments: Vec<_> = std::iter::once(0..text.len()).collect();
        let mut ctx = Context::new("doc.txt", text, &segments, &lang, &g, &rules);
        run_document(&mut ctx, &matches, Some(&matcher.fuzzy(&lang)));
        ctx.into_findings()
    }

    /// Every finding over `text` in `lang`: (rule, found, message).
    pub(crate) fn run(lang: &str, glossary: &str, text: &str) -> Vec<(String, String, String)> {
        findings(lang, glossary, text)
            .into_iter()
            .map(|f| {
                (
                    f.rule.code().to_owned(),
                    f.found().to_owned(),
                    f.message().to_owned(),
                )
            })
            .collect()
    }

    /// `rule` reports exactly `expected` (found text, message) over an
    /// English `text`.
    pub(crate) fn assert_finds(glossary: &str, text: &str, rule: &str, expected: &[(&str, &str)]) {
        assert_finds_in("en", glossary, text, rule, expected);
    }

    pub(crate) fn assert_finds_in(
        lang: &str,
        glossary: &str,
        text: &str,
        rule: &str,
        expected: &[(&str, &str)],
    ) {
        let got: Vec<(String, String)> = run(lang, glossary, text)
            .into_iter()
            .filter(|(r, _, _)| r == rule)
            .map(|(_, f, m)| (f, m))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
            .collect();
        assert_eq!(got, expected);
    }

    /// No rule reports anything over an English `text`.
    pub(crate) fn assert_silent(glossary: &str, text: &str) {
        assert_eq!(
            run("en", glossary, text),
            Vec::<(String, String, String)>::new()
        );
    }

    #[test]
    fn a_document_with_many_matches_is_checked_in_chunks_and_loses_nothing() {
        let g = "[[term]]\nid = \"astana\"\ncategory = \"place\"\nen = \"Astana\"\n\
                 [[term]]\nid = \"mm\"\ncategory = \"place\"\nen = { preferred = \"Myanmar\", forbidden = [\"Burma\"] }\n";
        // Three matches a line, two of them findings: chunks of the rules
        // for each match end mid-line.
        let n = super::MATCHES_IN_PARALLEL;
        let text = "Astаna, Myanmar and Burma.\n".repeat(n);
        let found = findings("en", g, &text);
        let each: Vec<(&str, usize)> = found
            .iter()
            .filter(|f| f.rule != Rule::Inconsistent)
            .map(|f| (f.rule.code(), f.range.start))
            .collect();
        let line = "Astаna, Myanmar and Burma.\n".len();
        let expected: Vec<(&str, usize)> = (0..n)
            .flat_map(|k| [("lookalike", k * line), ("forbidden", k * line + 21)])
            .collect();
        assert_eq!(each, expected);
    }

    #[test]
    fn codes_round_trip() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_code(rule.code()), Some(rule));
        }
        assert_eq!(Rule::from_code("nope"), None);
    }

    #[test]
    fn every_rule_has_a_summary() {
        for rule in Rule::ALL {
            assert!(!rule.summary().is_empty(), "{rule}");
        }
    }
}
