//! `inconsistent`: one document uses more than one allowed rendering of a term.
#![doc = include_str!("../../docs/rules/inconsistent.md")]

use std::collections::BTreeMap;

use super::context::oneline;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::glossary::{Glossary, RenderingKind};
use crate::matcher::TermMatch;

/// Reports every use of a rendering other than the document's main one, for
/// each term the document names in more than one preferred or accepted way.
pub(super) fn check(ctx: &mut Context<'_>, matches: &[TermMatch]) {
    let introduced = introduced(ctx.text, ctx.glossary, matches);
    check_with(ctx, matches, &introduced);
}

/// Whether a rendering counts: a forbidden one or a declined form is
/// another rule's business.
fn counted(glossary: &Glossary, m: &TermMatch) -> bool {
    !matches!(
        m.rendering(glossary).kind,
        RenderingKind::Forbidden | RenderingKind::Form
    )
}

/// For each of `matches` (in order, disjoint), whether it stands in
/// parentheses right after another counted rendering of its term: "Astana
/// International Financial Centre (AIFC)" introduces "AIFC". Only the
/// match just before can: any other has that match's letters in between.
/// Each flag reads only the text around two neighbouring matches, so a
/// translation memory read in windows works them out window by window.
pub(super) fn introduced(text: &str, glossary: &Glossary, matches: &[TermMatch]) -> Vec<bool> {
    let mut flags = vec![false; matches.len()];
    for (k, pair) in matches.windows(2).enumerate() {
        let (full, short) = (&pair[0], &pair[1]);
        flags[k + 1] = full.term == short.term
            && full.rendering_index() != short.rendering_index()
            && counted(glossary, full)
            && counted(glossary, short)
            && introduces(text, full, short);
    }
    flags
}

/// [`check`], with `introduced` worked out beforehand, one flag per match.
// Kept whole: one decision per term: the main rendering and the uses reported against it share the
// counts.
pub(super) fn check_with(ctx: &mut Context<'_>, matches: &[TermMatch], introduced: &[bool]) {
    if !ctx.is_enabled(Rule::Inconsistent) {
        return;
    }
    let glossary = ctx.glossary;
    // term → rendering → uses, in document order, with whether each is
    // introduced.
    type Uses<'m> = Vec<(&'m TermMatch, bool)>;
    let mut uses: BTreeMap<usize, BTreeMap<usize, Uses<'_>>> = BTreeMap::new();
    for (m, introduced) in matches.iter().zip(introduced) {
        if counted(glossary, m) {
            uses.entry(m.term)
                .or_default()
                .entry(m.rendering_index())
                .or_default()
                .push((m, *introduced));
        }
    }
    // "Astana International Financial Centre (AIFC)": a rendering in
    // parentheses right after another one of the same term introduces it
    // as a short form; the document may then use either (issue 22).
    for by_rendering in uses.values_mut() {
        by_rendering.retain(|_, ms| !ms.iter().any(|(_, introduced)| *introduced));
    }
    for (term_index, by_rendering) in uses.into_iter().filter(|(_, r)| r.len() > 1) {
        let term = &glossary.terms[term_index];
        let anchor = main_rendering(&by_rendering, |ri| term.renderings[ri].kind);
        let anchor_text = &term.renderings[anchor].text;
        let anchor_uses = by_rendering[&anchor].len();
        for (m, _) in by_rendering
            .iter()
            .filter(|(ri, _)| **ri != anchor)
            .flat_map(|(_, ms)| ms)
        {
            let mut message = format!(
                "\"{}\" and \"{anchor_text}\" both name {} in this document, which uses \"{anchor_text}\" {}",
                oneline(&ctx.read(m.range.clone())),
                ctx.name_of(term),
                times(anchor_uses)
            );
            // The ending stays ("Kyrgyz Republic's" → "Kyrgyzstan's"), where
            // it can without knowing the sentence.
            let swap = ctx.swap(m, &m.rendering(glossary).text, anchor_text);
            if let Some(swap) = &swap {
                message.push_str(&swap.caution(anchor_text));
            }
            let fix = swap.map(|swap| Fix {
                replacement: swap.text.into(),
                applicability: Applicability::Unsafe,
            });
            ctx.report(Rule::Inconsistent, m.range.clone(), term, message, fix);
        }
    }
}

/// Whether `short` stands in parentheses right after `full`: "Full (SHORT)".
fn introduces(text: &str, full: &TermMatch, short: &TermMatch) -> bool {
    full.range.end <= short.range.start
        && text
            .get(full.range.end..short.range.start)
            .is_some_and(|gap| gap.trim() == "(" || gap.trim() == "(«" || gap.trim() == "(\"")
        && text
            .get(short.range.end..)
            .is_some_and(|after| after.trim_start_matches(['»', '"']).starts_with(')'))
}

/// The rendering the others should agree with: the preferred one if the
/// document uses it, else the most used, else the first used.
fn main_rendering(
    by_rendering: &BTreeMap<usize, Vec<(&TermMatch, bool)>>,
    kind: impl Fn(usize) -> RenderingKind,
) -> usize {
    let first_use =
        |ms: &Vec<(&TermMatch, bool)>| ms.first().map_or(usize::MAX, |(m, _)| m.range.start);
    by_rendering
        .iter()
        .max_by_key(|(ri, ms)| {
            (
                kind(**ri) == RenderingKind::Preferred,
                ms.len(),
                std::cmp::Reverse(first_use(ms)),
            )
        })
        .map_or(0, |(ri, _)| *ri)
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::{assert_finds, assert_silent};

    const G: &str = r#"
[[term]]
id = "kyrgyzstan"
en = { preferred = "Kyrgyzstan", accepted = ["Kyrgyz Republic"] }
[[term]]
id = "alat-port"
en = { accepted = ["Port of Baku", "Baku Port"] }
"#;

    #[test]
    fn accepted_beside_preferred_is_reported() {
        assert_finds(G, "Kyrgyzstan and the Kyrgyz Republic, Kyrgyzstan", "inconsistent", &[(
            "Kyrgyz Republic",
            "\"Kyrgyz Republic\" and \"Kyrgyzstan\" both name Kyrgyzstan in this document, which uses \"Kyrgyzstan\" twice",
        )]);
    }

    #[test]
    fn without_preferred_the_most_used_accepted_wins() {
        assert_finds(G, "Baku Port, Port of Baku, Port of Baku", "inconsistent", &[(
            "Baku Port",
            "\"Baku Port\" and \"Port of Baku\" both name alat-port in this document, which uses \"Port of Baku\" twice",
        )]);
    }

    const EDITORIAL: &str = r#"
[[term]]
id = "aifc"
en = { preferred = "Astana International Financial Centre", accepted = ["AIFC"] }
[[term]]
id = "tokayev"
en = { preferred = "Kassym-Jomart Tokayev", short = ["Tokayev"] }
"#;

    #[test]
    fn an_acronym_introduced_in_parentheses_and_a_declared_short_form_are_style() {
        assert_silent(
            EDITORIAL,
            "The Astana International Financial Centre (AIFC) opened; the AIFC grew. Kassym-Jomart Tokayev spoke. Tokayev said so.",
        );
        // A short form before any full mention is not reported either.
        assert_silent(EDITORIAL, "Tokayev arrived. Kassym-Jomart Tokayev spoke.");
    }

    #[test]
    fn an_acronym_never_introduced_is_still_a_second_rendering() {
        assert_finds(
            EDITORIAL,
            "The AIFC grew. The Astana International Financial Centre hosted a forum.",
            "inconsistent",
            &[(
                "AIFC",
                "\"AIFC\" and \"Astana International Financial Centre\" both name Astana International Financial Centre in this document, which uses \"Astana International Financial Centre\" once",
            )],
        );
        // Its fix never writes the full name inside its own parentheses.
        let fixes = crate::rules::tests::fixes(
            "en",
            EDITORIAL,
            "The Astana International Financial Centre (AIFC) and the AIFC.",
            "inconsistent",
        );
        assert!(fixes.is_empty(), "{fixes:?}");
    }

    #[test]
    fn one_rendering_used_often_is_silent() {
        assert_silent(G, "Kyrgyzstan, Kyrgyzstan’s, Kyrgyzstan");
    }
}
