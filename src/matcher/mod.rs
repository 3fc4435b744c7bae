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
//! that fails a boundary cannot hide a shorter one that passes.
//!
//! Inflection (`inflect`): where a rendering is followed by more of the same
//! word, the rest is accepted if it is an ending of the document's language
//! ("Kazakhstan" + "i", "Bakı" + "da"). For languages whose endings replace a
//! final vowel, the rendering without that vowel is searched too, and only
//! counts with an ending ("Астан" + "е"). A match covers the whole inflected
//! word; its `stem` is the part that renders the term.

pub(crate) mod boundary;
pub(crate) mod fuzzy;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::glossary::{Glossary, Rendering, Term};
use crate::inflect::Inflection;
use crate::lang::{Fit, LangTag};
use crate::normalize::Normalized;
pub use fuzzy::{FuzzyIndex, NearHit};

/// One occurrence of a rendering in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Index of the term in `Glossary::terms`.
    pub term: usize,
    /// Index of the rendering in that term's `renderings`.
    pub rendering: usize,
    /// Byte range in the original document: the whole word, with any ending.
    pub range: Range<usize>,
    /// The part of `range` that renders the term, without the ending.
    pub stem: Range<usize>,
    /// The stem lacks the rendering's final letter, which the ending
    /// replaced ("Астан-е" for "Астана").
    pub truncated: bool,
}

impl TermMatch {
    pub fn term<'g>(&self, glossary: &'g Glossary) -> &'g Term {
        &glossary.terms[self.term]
    }

    pub fn rendering<'g>(&self, glossary: &'g Glossary) -> &'g Rendering {
        &glossary.terms[self.term].renderings[self.rendering]
    }

    /// What the stem should read: the rendering, less its final letter if the
    /// ending replaced it.
    pub fn expected_stem<'g>(&self, glossary: &'g Glossary) -> &'g str {
        let text = &self.rendering(glossary).text;
        match text.char_indices().next_back() {
            Some((last, _)) if self.truncated => &text[..last],
            _ => text,
        }
    }

    /// The original text after the stem: the ending, if any.
    pub fn ending<'t>(&self, text: &'t str) -> &'t str {
        &text[self.stem.end..self.range.end]
    }
}

/// The compiled glossary, shared by every thread of a run.
pub struct Matcher<'g> {
    glossary: &'g Glossary,
    by_language: Mutex<HashMap<LangTag, Arc<LanguageMatcher>>>,
    fuzzy: Mutex<HashMap<LangTag, Arc<FuzzyIndex>>>,
    /// Every rendering's folded key, shared by the near-miss indexes.
    listed: std::sync::OnceLock<Arc<fuzzy::FastSet<String>>>,
}

/// The automaton for the renderings that fit one document language.
struct LanguageMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    inflection: Option<&'static Inflection>,
}

struct Pattern {
    term: usize,
    rendering: usize,
    /// Whether the match must start / end at a word boundary: only where the
    /// rendering itself starts / ends with a word character.
    word_start: bool,
    word_end: bool,
    /// May carry an ending of the document's language.
    inflect: bool,
    /// The rendering less its final letter: valid only with an ending.
    truncated: bool,
}

/// A match before the choice of leftmost-longest: folded offsets.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    stem_end: usize,
    pattern: usize,
}

impl<'g> Matcher<'g> {
    pub fn new(glossary: &'g Glossary) -> Self {
        Matcher {
            glossary,
            by_language: Mutex::new(HashMap::new()),
            fuzzy: Mutex::new(HashMap::new()),
            listed: std::sync::OnceLock::new(),
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
        let mut candidates: Vec<Candidate> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let p = &lm.patterns[m.pattern().as_usize()];
                !p.word_start || boundary::is_start(text, m.start())
            })
            .filter_map(|m| lm.complete(text, m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost, then longest, then a whole rendering before a stem.
        candidates.sort_by_key(|c| {
            (
                c.start,
                std::cmp::Reverse(c.end),
                lm.patterns[c.pattern].truncated,
            )
        });
        let mut matches = Vec::new();
        let mut taken_until = 0;
        for c in candidates {
            if c.start < taken_until {
                continue;
            }
            taken_until = c.end;
            let p = &lm.patterns[c.pattern];
            let range = normalized.original_range(c.start..c.end);
            let stem = if c.stem_end == c.end {
                range.clone()
            } else {
                normalized.original_range(c.start..c.stem_end)
            };
            matches.push(TermMatch {
                term: p.term,
                rendering: p.rendering,
                range: range.start + base..range.end + base,
                stem: stem.start + base..stem.end + base,
                truncated: p.truncated,
            });
        }
        matches
    }

    /// Whether any rendering fits `language`: if not, `find` finds nothing.
    pub fn has_renderings(&self, language: &LangTag) -> bool {
        self.for_language(language).automaton.is_some()
    }

    /// The near-miss index for documents in `language`, built on first use.
    pub fn fuzzy(&self, language: &LangTag) -> Arc<FuzzyIndex> {
        let mut cache = self.fuzzy.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(cache.entry(language.clone()).or_insert_with(|| {
            let listed = self
                .listed
                .get_or_init(|| Arc::new(fuzzy::listed(self.glossary)));
            Arc::new(FuzzyIndex::build_with(
                self.glossary,
                language,
                Arc::clone(listed),
            ))
        }))
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
    /// Where a raw hit of pattern `pid` at `start..end` really ends: at a
    /// word boundary, after an ending of the language, or nowhere.
    fn complete(&self, text: &str, start: usize, end: usize, pid: usize) -> Option<Candidate> {
        let p = &self.patterns[pid];
        let candidate = |to| Candidate {
            start,
            end: to,
            stem_end: end,
            pattern: pid,
        };
        let inflection = self.inflection.filter(|_| p.inflect && p.word_end);
        if let Some(rules) = inflection {
            let word_end = boundary::ending_end(text, end);
            if word_end > end && rules.accepts(&text[start..end], &text[end..word_end]) {
                return Some(candidate(word_end));
            }
        }
        let at_boundary = !p.word_end || boundary::is_end(text, end);
        (at_boundary && !p.truncated).then(|| candidate(end))
    }

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
        let inflection = crate::inflect::for_language(language);
        let mut keys: Vec<(&str, usize, usize, bool)> = Vec::new();
        for (key, (_, t, r)) in best {
            keys.push((key, t, r, false));
            let stem = inflection
                .filter(|_| glossary.terms[t].inflect)
                .and_then(|i| i.stem(key));
            if let Some(stem) = stem {
                keys.push((stem, t, r, true));
            }
        }
        keys.sort_unstable();
        let patterns = keys
            .iter()
            .map(|&(key, term, rendering, truncated)| Pattern {
                term,
                rendering,
                word_start: key.chars().next().is_some_and(boundary::is_word_char),
                word_end: key.chars().next_back().is_some_and(boundary::is_word_char),
                inflect: glossary.terms[term].inflect,
                truncated,
            })
            .collect();
        let automaton = if keys.is_empty() {
            None
        } else {
            // A DFA searches about 1.3-1.6x faster than the contiguous NFA
            // but its build time and memory grow with the patterns (3 ms
            // at 250, 60 ms at 2,500, 1.5 s and 400 MB at 25,000: PERF-NOTES):
            // worth it for the few hundred renderings a language usually
            // has, not for a glossary of tens of thousands in one language.
            let kind = (keys.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(keys.iter().map(|k| k.0))
                .ok()
        };
        LanguageMatcher {
            automaton,
            patterns,
            inflection,
        }
    }
}

/// Up to this many keys in one language, the automaton is a DFA.
const DFA_MAX_PATTERNS: usize = 3_000;

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
        assert!(found(G, "en", "Alatau Kazakhstanx").is_empty());
        assert_eq!(found(G, "en", "Azerbaijan-Kazakhstan"), ["Kazakhstan"]);
    }

    #[test]
    fn inflected_and_derived_forms_cover_the_whole_word() {
        assert_eq!(
            found(G, "en", "Kazakhstan's and Kazakhstani, Kazakhstan’s"),
            ["Kazakhstan's", "Kazakhstani", "Kazakhstan’s"]
        );
        assert_eq!(
            found(G, "ru", "в Казахстане, Казахстан"),
            ["Казахстане", "Казахстан"]
        );
    }

    #[test]
    fn endings_that_replace_a_final_vowel() {
        let g = "[[term]]\nru = \"Астана\"\n[[term]]\naz = \"Bakı\"\n";
        assert_eq!(
            found(g, "ru", "в Астане, из Астаны, Астана, Астан"),
            ["Астане", "Астаны", "Астана"]
        );
        assert_eq!(
            found(g, "az", "Bakıda, Bakı'da, Bakıdə"),
            ["Bakıda", "Bakı'da"]
        );
    }

    #[test]
    fn inflect_false_matches_only_as_written() {
        let g = "[[term]]\nen = \"Kazakhstan\"\ninflect = false\n";
        assert_eq!(found(g, "en", "Kazakhstani Kazakhstan's"), ["Kazakhstan"]);
    }

    #[test]
    fn a_failed_longer_candidate_does_not_hide_a_shorter_one() {
        assert_eq!(
            found(G, "en", "Alat International Trade Seaportage"),
            ["Alat"]
        );
    }

    #[test]
    fn only_the_documents_language_is_searched() {
        assert!(found(G, "en", "Казахстан").is_empty());
        assert!(found(G, "ru", "Kazakhstan").is_empty());
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
