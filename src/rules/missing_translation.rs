//! `missing-translation`: a term the set's source names that a translation
//! in another language does not render at all.
#![doc = include_str!("../../docs/rules/missing-translation.md")]

use std::collections::BTreeSet;

use super::{Context, Member, Rule};
use crate::diagnostic::{Finding, Related};
use crate::glossary::{Glossary, RenderingKind};
use crate::lang::LangTag;
use crate::matcher::TermMatch;

/// Findings per member: for each translation, each term a source document
/// names that the translation has no rendering of (any inflected, accepted or
/// listed form counts). Terms the glossary has no rendering for in the
/// translation's language are not reported: termlint cannot know them.
pub(super) fn check(
    glossary: &Glossary,
    source: &LangTag,
    members: &[Member<'_>],
) -> Vec<Vec<Finding>> {
    super::per_translation(glossary, source, members, |ctx, sources, target| {
        missing(ctx, sources, target);
    })
}

fn missing(ctx: &mut Context<'_>, sources: &[&Member<'_>], target: &Member<'_>) {
    let glossary = ctx.glossary;
    let rendered: BTreeSet<usize> = target.matches.iter().map(|m| m.term).collect();
    let mut reported = BTreeSet::new();
    for s in sources {
        for m in s.matches.iter().filter(|m| names(s.text, s.language, m)) {
            let term = &glossary.terms[m.term];
            let translatable = term.renderings.iter().any(|r| {
                r.kind != RenderingKind::Forbidden && r.language.fit(target.language).is_some()
            });
            if rendered.contains(&m.term) || !translatable || !reported.insert(m.term) {
                continue;
            }
            let expected = term
                .preferred(target.language)
                .map_or_else(String::new, |r| format!(", such as \"{}\"", r.text));
            let named = term.display_name(s.language, &glossary.default_language);
            let message = format!(
                "\"{named}\" ({}), named in {}, has no rendering in this {} translation{expected}",
                term.category.as_str(),
                s.path,
                target.language
            );
            ctx.report(
                Rule::MissingTranslation,
                target.start..target.start,
                term,
                message,
                None,
            );
            ctx.relate(
                Rule::MissingTranslation,
                Related {
                    path: s.path.to_owned(),
                    range: m.range.clone(),
                    message: format!("the source names \"{named}\" here"),
                },
            );
        }
    }
}

/// Whether the source's match `m` names its term, so that a translation
/// must too: not a word derived from the name ("Armenian" in a catalogue's
/// list of scripts, rightly "Армянский" in Russian).
fn names(text: &str, language: &LangTag, m: &TermMatch) -> bool {
    let ending = text.get(m.stem().end..m.range.end).unwrap_or_default();
    !crate::inflect::is_derivation(language, ending)
}

/// Within one translation unit: terms the source names and the target does
/// not, reported at the target's start.
pub(super) fn check_unit(
    ctx: &mut Context<'_>,
    (source, source_language): (&[TermMatch], &LangTag),
    target: &[TermMatch],
    at: usize,
) {
    let glossary = ctx.glossary;
    let mut reported = BTreeSet::new();
    for m in source
        .iter()
        .filter(|m| names(ctx.text, source_language, m))
    {
        let term = &glossary.terms[m.term];
        let translatable = term
            .renderings
            .iter()
            .any(|r| r.kind != RenderingKind::Forbidden && r.language.fit(ctx.language).is_some());
        if target.iter().any(|t| t.term == m.term) || !translatable || !reported.insert(m.term) {
            continue;
        }
        let named = term.display_name(&glossary.default_language, &glossary.default_language);
        let expected = term
            .preferred(ctx.language)
            .map_or_else(String::new, |r| format!(", such as \"{}\"", r.text));
        let message = format!(
            "\"{named}\" ({}), named in this unit's source, has no rendering in its {} target{expected}",
            term.category.as_str(),
            ctx.language
        );
        ctx.report(Rule::MissingTranslation, at..at, term, message, None);
        ctx.relate(
            Rule::MissingTranslation,
            Related {
                path: ctx.path.to_owned(),
                range: m.range.clone(),
                message: format!("the unit's source names \"{named}\" here"),
            },
        );
    }
}
