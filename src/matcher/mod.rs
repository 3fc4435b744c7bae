//! Matching: where the glossary's renderings occur in a document.
//!
//! In: folded text ([`Normalized`]) and the document's language. Out:
//! [`TermMatch`]es with byte ranges into the original text, non-overlapping,
//! leftmost-longest, on whole words.
//!
//! A document is checked against the renderings of its own language only (a
//! rendering forbidden in English may be preferred in Uzbek), so the matcher
//! compiles one automaton per document language, on first use, over every
//! rendering of every term that fits that language. The text is searched once
//! per segment whatever the glossary's size: there are no per-term loops.
//!
//! The search reports overlapping candidates and keeps those on word
//! boundaries before choosing leftmost-longest, so that a longer candidate
//! that fails a boundary ("Kazakhstan" in "Kazakhstani") cannot hide a
//! shorter one that passes.

mod boundary;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::glossary::{Glossary, Rendering, Term};
use crate::lang::{Fit, LangTag};
use crate::normalize::Normalized;

/// One occurrence of a rendering in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Index of the term in `Glossary::terms`.
    pub term: usize,
    /// Index of the rendering in that term's `renderings`.
    pub rendering: usize,
    /// Byte range in the original document.
    pub range: Range<usize>,
}

impl TermMatch {
    pub fn term<'g>(&self, glossary: &'g Glossary) -> &'g Term {
        &glossary.terms[self.term]
    }

    pub fn rendering<'g>(&self, glossary: &'g Glossary) -> &'g Rendering {
        &glossary.terms[self.term].renderings[self.rendering]
    }
}

/// The compiled glossary, shared by every thread of a run.
pub struct Matcher<'g> {
    glossary: &'g Glossary,
    by_language: Mutex<HashMap<LangTag, Arc<LanguageMatcher>>>,
}

/// The automaton for the renderings that fit one document language.
struct LanguageMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

struct Pattern {
    term: usize,
    rendering: usize,
    /// Whether the match must start / end at a word boundary: only where the
    /// rendering itself starts / ends with a word character.
    word_start: bool,
    word_end: bool,
}

impl<'g> Matcher<'g> {
    pub fn new(glossary: &'g Glossary) -> Self {
        Matcher {
            glossary,
            by_language: Mutex::new(HashMap::new()),
        }
    }

    /// Every match in `normalized`, whose original text starts at byte `base`
    /// of the document.
    pub fn find(
        &self,
        language: &LangTag,
        normalized: &Normalized<'_>,
        base: usize,
    ) -> Vec<TermMatch> {
        let lm = self.for_language(language);
        let Some(ac) = &lm.automaton else {
            return Vec::new();
        };
        let text = normalized.text.as_str();
        let mut candidates: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let p = &lm.patterns[m.pattern().as_usize()];
                (!p.word_start || boundary::is_start(text, m.start()))
                    && (!p.word_end || boundary::is_end(text, m.end()))
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        candidates.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut matches = Vec::new();
        let mut taken_until = 0;
        for (start, end, pid) in candidates {
            if start < taken_until {
                continue;
            }
            taken_until = end;
            let p = &lm.patterns[pid];
            let orig = normalized.original_range(start..end);
            matches.push(TermMatch {
                term: p.term,
                rendering: p.rendering,
                range: orig.start + base..orig.end + base,
            });
        }
        matches
    }

    fn for_language(&self, language: &LangTag) -> Arc<LanguageMatcher> {
        let mut cache = self
            .by_language
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            cache
                .entry(language.clone())
                .or_insert_with(|| Arc::new(LanguageMatcher::build(self.glossary, language))),
        )
    }
}

impl LanguageMatcher {
    fn build(glossary: &Glossary, language: &LangTag) -> LanguageMatcher {
        // One pattern per folded key; where tags of several specificities
        // carry the same key, the closest fit wins.
        let mut best: HashMap<&str, (Fit, usize, usize)> = HashMap::new();
        for (ti, term) in glossary.terms.iter().enumerate() {
            for (ri, r) in term.renderings.iter().enumerate() {
                let Some(fit) = r.language.fit(language) else {
                    continue;
                };
                let slot = best.entry(r.key.as_str()).or_insert((fit, ti, ri));
                if fit > slot.0 {
                    *slot = (fit, ti, ri);
                }
            }
        }
        let mut keys: Vec<(&str, usize, usize)> =
            best.into_iter().map(|(k, (_, t, r))| (k, t, r)).collect();
        keys.sort_unstable();
        let patterns = keys
            .iter()
            .map(|&(key, term, rendering)| Pattern {
                term,
                rendering,
                word_start: key.chars().next().is_some_and(boundary::is_word_char),
                word_end: key.chars().next_back().is_some_and(boundary::is_word_char),
            })
            .collect();
        let automaton = if keys.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(keys.iter().map(|k| k.0))
                .ok()
        };
        LanguageMatcher {
            automaton,
            patterns,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Matcher;
    use crate::glossary::Glossary;
    use crate::lang::LangTag;
    use crate::normalize::normalize;

    fn found(glossary: &str, lang: &str, text: &str) -> Vec<String> {
        let g = Glossary::from_str(glossary, Path::new("g.toml")).unwrap();
        let m = Matcher::new(&g);
        let n = normalize(text);
        m.find(&LangTag::parse(lang).unwrap(), &n, 0)
            .into_iter()
            .map(|m| text[m.range].to_owned())
            .collect()
    }

    const G: &str = r#"
[[term]]
id = "alat-port"
en = { preferred = "Alat International Trade Seaport", forbidden = ["Alat International Trade Port"] }
[[term]]
id = "alat"
en = "Alat"
[[term]]
id = "kazakhstan"
en = "Kazakhstan"
ru = "Казахстан"
[[term]]
id = "uzbekistan"
uz = "Oʻzbekiston"
"#;

    #[test]
    fn longest_rendering_wins() {
        assert_eq!(
            found(G, "en", "the Alat International Trade Port and Alat"),
            ["Alat International Trade Port", "Alat"]
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(found(G, "en", "Alatau Kazakhstani").is_empty());
        assert_eq!(
            found(G, "en", "Kazakhstan's, Azerbaijan-Kazakhstan"),
            ["Kazakhstan", "Kazakhstan"]
        );
    }

    #[test]
    fn a_failed_longer_candidate_does_not_hide_a_shorter_one() {
        assert_eq!(
            found(G, "en", "Alat International Trade Seaports"),
            ["Alat"]
        );
    }

    #[test]
    fn only_the_documents_language_is_searched() {
        assert!(found(G, "en", "Казахстан").is_empty());
        assert_eq!(found(G, "ru", "в Казахстане и Казахстан"), ["Казахстан"]);
    }

    #[test]
    fn folded_variants_are_found_with_their_original_bytes() {
        assert_eq!(
            found(G, "uz", "O'zbekiston va O‘zbekiston"),
            ["O'zbekiston", "O‘zbekiston"]
        );
        assert_eq!(
            found(G, "en", "KAZAKHSTAN Kаzakhstan"),
            ["KAZAKHSTAN", "Kаzakhstan"]
        );
        assert_eq!(
            found(G, "en", "Alat International\n  Trade Port"),
            ["Alat International\n  Trade Port"]
        );
    }

    #[test]
    fn general_tag_renderings_apply_to_specific_documents() {
        assert_eq!(found(G, "uz-Latn", "Oʻzbekiston"), ["Oʻzbekiston"]);
    }
}
