//! `forbidden`: a rendering the glossary lists as forbidden.
#![doc = include_str!("../../docs/rules/forbidden.md")]

use super::context::oneline;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::glossary::RenderingKind;
use crate::matcher::TermMatch;

/// Reports `m` if it is a forbidden rendering.
pub(super) fn check(ctx: &mut Context<'_>, m: &TermMatch) {
    let glossary = ctx.glossary;
    let (term, rendering) = (m.term(glossary), m.rendering(glossary));
    if rendering.kind != RenderingKind::Forbidden || !ctx.is_enabled(Rule::Forbidden) {
        return;
    }
    let found = &*ctx.read(m.range.clone());
    let mut message = format!(
        "\"{}\" is a forbidden rendering of {} ({})",
        oneline(found),
        ctx.name_of(term),
        term.category.as_str()
    );
    // In a language with cases, a name of another declension may need
    // another ending where the forbidden one stood ("в Нур-Султан" is not
    // fixed by "в Астана" but by "в Астану"): such a fix is offered, not
    // applied by --fix alone. An inflected or declined forbidden form gets
    // no fix at all outside English (see `Context::swap`).
    let fix = ctx.preferred(term).and_then(|p| {
        let swap = ctx.swap(m, &rendering.text, &p.text)?;
        message.push_str(&swap.caution(&p.text));
        Some(Fix {
            applicability: if swap.alike {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            replacement: swap.text.into(),
        })
    });
    ctx.report(Rule::Forbidden, m.range.clone(), term, message, fix);
}

/// Reports the words `forbidden-patterns` match in the checked text: as
/// whole words, on the text folded as renderings are, except where a
/// glossary rendering was matched (a listed forbidden one is reported
/// already; an allowed one is not forbidden).
// Kept whole: one pass over the pattern matches; the checks that drop a match read the same folded
// text and match ranges.
pub(super) fn check_patterns(ctx: &mut Context<'_>, matches: &[TermMatch]) {
    let glossary = ctx.glossary;
    if glossary.patterns.is_empty() || !ctx.is_enabled(Rule::Forbidden) {
        return;
    }
    let language = ctx.language;
    let Some(set) = glossary
        .patterns
        .iter()
        .find(|s| s.language == *language)
        .or_else(|| {
            glossary
                .patterns
                .iter()
                .find(|s| s.language.primary() == language.primary())
        })
    else {
        return;
    };
    let mut taken: Vec<std::ops::Range<usize>> = matches.iter().map(|m| m.range.clone()).collect();
    taken.sort_by_key(|r| r.start);
    let overlaps = |r: &std::ops::Range<usize>| {
        let i = taken.partition_point(|t| t.end <= r.start);
        taken.get(i).is_some_and(|t| t.start < r.end)
    };
    let mut found = Vec::new();
    for segment in ctx.segments {
        let original = &ctx.text[segment.clone()];
        if !set.may_match(original) {
            continue;
        }
        let folded = crate::normalize::normalize_with(original, ctx.syntax);
        for captures in set.regex.captures_iter(&folded.text) {
            let Some(whole) = captures.get(0).filter(|m| !m.is_empty()) else {
                continue;
            };
            let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if word_char(folded.text[..whole.start()].chars().next_back())
                || word_char(folded.text[whole.end()..].chars().next())
            {
                continue;
            }
            let local = folded.original_range(whole.range());
            let range = segment.start + local.start..segment.start + local.end;
            if range.is_empty()
                || overlaps(&range)
                || !crate::matcher::segment::is_word_match(ctx.text, &range)
            {
                continue;
            }
            if let Some(which) = set.which(&captures) {
                found.push((range, which));
            }
        }
    }
    for (range, (t, p)) in found {
        let term = &glossary.terms[t];
        let pattern = &term.patterns[p];
        let text = ctx.read(range.clone()).into_owned();
        let message = format!(
            "\"{}\" is a forbidden rendering of {} ({}): it matches the forbidden pattern `{}`",
            oneline(&text),
            ctx.name_of(term),
            term.category.as_str(),
            pattern.source
        );
        // A pattern knows nothing of endings: outside English, where the
        // preferred rendering may need another ending than the one matched
        // ("в Нур Султане" is not fixed by "в Астана"), there is no fix, as
        // for an inflected forbidden rendering. In English one word is
        // replaced, in capitals if it was written so; a match over several
        // words may have taken a neighbour along, so its fix is offered.
        let fix = ctx
            .preferred(term)
            .filter(|_| language.primary() == "en")
            .map(|p| {
                let capitals =
                    text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase);
                Fix {
                    applicability: if text.contains(char::is_whitespace) {
                        Applicability::Unsafe
                    } else {
                        Applicability::Safe
                    },
                    replacement: if capitals {
                        p.text.to_uppercase().into()
                    } else {
                        p.text.as_str().into()
                    },
                }
            });
        ctx.report(Rule::Forbidden, range, term, message, fix);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::{assert_finds, assert_silent};

    const G: &str = r#"
[[term]]
id = "birlestik-2024"
category = "event"
en = { preferred = "Birlestik-2024", forbidden = ["Birlistik-2024"] }
"#;

    const PATTERNS: &str = r#"
[[term]]
id = "astana"
category = "place"
en = { preferred = "Astana", forbidden-patterns = ['Nur[ -]?Sultan'] }
"#;

    /// The prefix filter (`PatternSet::may_match`) skips only text that
    /// cannot match: an invisible character or a look-alike letter inside
    /// the prefix, or curly quotes around it, still lead to the pattern.
    #[test]
    fn patterns_match_through_what_folding_removes() {
        let message = |found: &str| {
            format!("\"{found}\" is a forbidden rendering of Astana (place): it matches the forbidden pattern `Nur[ -]?Sultan`")
        };
        for found in [
            "N\u{200B}ur Sultan",
            "Nur\u{2011}Sultan",
            "Nur-Sultan",
            "NURSULTAN",
        ] {
            let text = format!("The summit in “{found}” ended.");
            assert_finds(PATTERNS, &text, "forbidden", &[(found, &message(found))]);
        }
        assert_finds(PATTERNS, "Nurlan Sultanov came.", "forbidden", &[]);
    }

    #[test]
    fn forbidden_rendering_is_an_error_with_the_preferred_fix() {
        assert_finds(
            G,
            "exercises “Birlistik-2024,” held",
            "forbidden",
            &[(
                "Birlistik-2024",
                "\"Birlistik-2024\" is a forbidden rendering of Birlestik-2024 (event)",
            )],
        );
    }

    #[test]
    fn forbidden_in_capitals_is_still_forbidden() {
        assert_finds(
            G,
            "BIRLISTIK-2024",
            "forbidden",
            &[(
                "BIRLISTIK-2024",
                "\"BIRLISTIK-2024\" is a forbidden rendering of Birlestik-2024 (event)",
            )],
        );
    }

    const TURKEY: &str = r#"
[[term]]
id = "turkiye"
category = "place"
en = { preferred = "Türkiye", forbidden = ["Turkey"] }
[[term]]
id = "nur-sultan"
category = "place"
en = { preferred = "Astana", forbidden = ["Nur-Sultan"] }
"#;

    #[test]
    fn forbidden_name_that_is_an_ordinary_word_is_silent_in_lower_case() {
        assert_silent(TURKEY, "We ate turkey and roast turkeys.");
        assert_finds(
            TURKEY,
            "We flew to Turkey. NUR-SULTAN, 2021. nur-sultan",
            "forbidden",
            &[
                (
                    "Turkey",
                    "\"Turkey\" is a forbidden rendering of Türkiye (place)",
                ),
                (
                    "NUR-SULTAN",
                    "\"NUR-SULTAN\" is a forbidden rendering of Astana (place)",
                ),
                (
                    "nur-sultan",
                    "\"nur-sultan\" is a forbidden rendering of Astana (place)",
                ),
            ],
        );
    }

    #[test]
    fn forbidden_in_capitals_is_fixed_in_capitals() {
        let fixes =
            crate::rules::tests::fixes("en", TURKEY, "NUR-SULTAN, 2021. Nur-Sultan", "forbidden");
        assert_eq!(fixes, ["ASTANA", "Astana"]);
    }

    #[test]
    fn preferred_rendering_is_silent() {
        assert_silent(G, "exercises “Birlestik-2024” held");
    }
}
