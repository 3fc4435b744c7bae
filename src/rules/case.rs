//! `case`: a rendering with the wrong letter case, for terms whose case is exact.
#![doc = include_str!("../../docs/rules/case.md")]

use super::context::{is_all_capitals, is_title_case_of, oneline};
use super::difference::{difference, Difference};
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::glossary::{CasePolicy, RenderingKind};
use crate::matcher::TermMatch;

/// Reports `m` if only its letter case differs from its rendering.
pub(super) fn check(ctx: &mut Context<'_>, m: &TermMatch) {
    let glossary = ctx.glossary;
    let (term, rendering) = (m.term(glossary), m.rendering(glossary));
    if rendering.kind == RenderingKind::Forbidden
        || term.case == CasePolicy::Ignore
        || !ctx.is_enabled(Rule::Case)
    {
        return;
    }
    let found = &*ctx.read(m.range.clone());
    let (stem, expected) = (&*ctx.read(m.stem()), m.expected_stem(glossary));
    if difference(stem, expected, &glossary.equivalent) != Difference::CaseOnly
        || is_common_word(stem, expected)
        || is_capitalised_start(stem, expected)
        // A heading or dateline in capitals, or a heading in title case,
        // writes the name in its own style (issue 21: "ASTANA, 12 March").
        || is_all_capitals(stem)
        || is_title_case_of(stem, expected)
    {
        return;
    }
    let message = format!(
        "\"{}\" has the wrong letter case; the glossary writes \"{}\"",
        oneline(found),
        rendering.text
    );
    let fix = Fix {
        replacement: format!(
            "{}{}",
            capitalise_at_sentence_start(expected, ctx.text, m.range.start),
            m.ending(ctx.text)
        )
        .into(),
        applicability: Applicability::Safe,
    };
    ctx.report(Rule::Case, m.range.clone(), term, message, Some(fix));
}

/// A rendering that starts with a small letter ("de Gaulle") takes a capital
/// at the start of a sentence: after `.`, `!`, `?` or `…`, or at the start of
/// the text or of a paragraph.
fn capitalise_at_sentence_start(expected: &str, text: &str, at: usize) -> String {
    let before = &text[..at];
    let trimmed = before.trim_end();
    let starts_sentence = trimmed.is_empty()
        || trimmed.ends_with(['.', '!', '?', '…'])
        || before[trimmed.len()..].contains("\n\n");
    let mut chars = expected.chars();
    match chars.next() {
        Some(first) if starts_sentence && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => expected.to_owned(),
    }
}

/// A single word in lower-case letters only is, in running text, almost always
/// the ordinary word and not the name: "turkey", "nice", "bath".
fn is_common_word(found: &str, rendering: &str) -> bool {
    !rendering.contains(char::is_whitespace) && found.chars().all(char::is_lowercase)
}

/// A rendering that starts in lower case ("de Gaulle", "al-Farabi") may be
/// capitalised at the start of a sentence; nothing else may change.
fn is_capitalised_start(found: &str, rendering: &str) -> bool {
    let (mut f, mut r) = (found.chars(), rendering.chars());
    match (f.next(), r.next()) {
        (Some(a), Some(b)) => b.is_lowercase() && a.to_lowercase().eq(b.to_lowercase()) && f.eq(r),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::{assert_finds, assert_silent};

    const G: &str = r#"
[[term]]
id = "heads-of-state"
category = "title"
en = "Heads of State of Central Asia"
[[term]]
id = "kars"
en = "Kars"
[[term]]
id = "de-gaulle"
en = "de Gaulle"
[[term]]
id = "astana"
case = "ignore"
en = "Astana"
[[term]]
id = "cop29"
en = "COP29"
"#;

    #[test]
    fn lower_cased_title_is_reported() {
        assert_finds(G, "the heads of state of Central Asia met", "case", &[(
            "heads of state of Central Asia",
            "\"heads of state of Central Asia\" has the wrong letter case; the glossary writes \"Heads of State of Central Asia\"",
        )]);
    }

    #[test]
    fn mixed_case_is_reported_where_case_is_exact() {
        assert_finds(
            G,
            "at Cop29 and KARS",
            "case",
            &[(
                "Cop29",
                "\"Cop29\" has the wrong letter case; the glossary writes \"COP29\"",
            )],
        );
    }

    #[test]
    fn capitals_and_title_case_headings_are_silent() {
        assert_silent(G, "ASTANA, 12 March. KARS, 3 May");
        assert_silent(G, "HEADS OF STATE OF CENTRAL ASIA MEET");
        assert_silent(G, "## Heads Of State Of Central Asia");
    }

    #[test]
    fn fix_capitalises_a_lower_case_rendering_only_at_a_sentence_start() {
        let fixes =
            |text: &str| -> Vec<String> { crate::rules::tests::fixes("en", G, text, "case") };
        assert_eq!(fixes("He left. De gaulle said so."), ["De Gaulle"]);
        assert_eq!(fixes("De gaulle said so."), ["De Gaulle"]);
        assert_eq!(fixes("and then De gaulle said so."), ["de Gaulle"]);
    }

    #[test]
    fn common_lower_case_word_is_silent() {
        assert_silent(G, "the kars were parked");
    }

    #[test]
    fn sentence_initial_capital_is_silent() {
        assert_silent(G, "De Gaulle said.");
    }

    #[test]
    fn case_ignore_terms_are_silent() {
        assert_silent(G, "ASTANA, August 9");
    }
}
