//! `lookalike`: a rendering written with characters that only look right.
#![doc = include_str!("../../docs/rules/lookalike.md")]

use super::context::{in_found_case, oneline};
use super::difference::{describe, difference, Difference};
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::glossary::RenderingKind;
use crate::matcher::TermMatch;

/// Reports `m` if its text differs from its rendering in more than case.
pub(super) fn check(ctx: &mut Context<'_>, m: &TermMatch) {
    let glossary = ctx.glossary;
    let (term, rendering) = (m.term(glossary), m.rendering(glossary));
    if rendering.kind == RenderingKind::Forbidden || !ctx.is_enabled(Rule::Lookalike) {
        return;
    }
    let found = &*ctx.read(m.range.clone());
    let stem = &*ctx.read(m.stem());
    let expected = m.expected_stem(glossary);
    let what = match difference(stem, expected, &glossary.equivalent) {
        Difference::Same | Difference::CaseOnly => return,
        Difference::NotNfc => "decomposed accents (not NFC)".to_owned(),
        Difference::Characters(f, r) => {
            format!("{} where the glossary has {}", describe(f), describe(r))
        }
    };
    let message = format!(
        "\"{}\" is {} written with {what}",
        oneline(found),
        ctx.name_of(term)
    );
    let replacement = in_found_case(expected, stem, expected);
    let replacement = replacement + m.ending(ctx.text);
    let fix = Fix {
        replacement: replacement.into(),
        applicability: Applicability::Safe,
    };
    ctx.report(Rule::Lookalike, m.range.clone(), term, message, Some(fix));
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::{assert_finds, assert_silent};

    const G: &str = r#"
[[term]]
id = "astana"
case = "ignore"
en = "Astana"
[[term]]
id = "uzbekistan"
uz = "Oʻzbekiston"
en = "Uzbekistan"
[[term]]
id = "birlestik-2024"
en = "Birlestik-2024"
"#;

    #[test]
    fn cyrillic_a_in_astana_is_lookalike() {
        assert_finds(G, "in Astаna today", "lookalike", &[(
            "Astаna",
            "\"Astаna\" is Astana written with Cyrillic \"а\" (U+0430) where the glossary has Latin \"a\" (U+0061)",
        )]);
    }

    #[test]
    fn en_dash_in_a_name_is_lookalike() {
        assert_finds(G, "Birlestik–2024", "lookalike", &[(
            "Birlestik–2024",
            "\"Birlestik–2024\" is Birlestik-2024 written with en dash \"–\" (U+2013) where the glossary has hyphen-minus \"-\" (U+002D)",
        )]);
    }

    #[test]
    fn soft_hyphen_inside_a_name_is_lookalike() {
        assert_finds(G, "Birles\u{AD}tik-2024", "lookalike", &[(
            "Birles\u{AD}tik-2024",
            "\"Birles\u{AD}tik-2024\" is Birlestik-2024 written with soft hyphen (U+00AD) where the glossary has nothing",
        )]);
    }

    #[test]
    fn uzbek_text_losing_its_okina_is_lookalike() {
        crate::rules::tests::assert_finds_in("uz", G, "O'zbekiston Respublikasi", "lookalike", &[(
            "O'zbekiston",
            "\"O'zbekiston\" is Oʻzbekiston written with apostrophe \"'\" (U+0027) where the glossary has modifier letter turned comma (Uzbek oʻ/gʻ) \"ʻ\" (U+02BB)",
        )]);
    }

    #[test]
    fn capitals_and_line_wraps_are_not_lookalike() {
        assert_silent(G, "ASTANA, August 9. Birlestik-2024");
    }
}
