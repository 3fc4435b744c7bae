//! The other engine: fold the whole text into a copy, search it with an
//! overlapping Aho-Corasick over the folded keys, keep candidates on word
//! boundaries, map them back through the offset map.
//!
//! On text that is almost all ASCII this is the faster of the two: the
//! normaliser folds plain ASCII eight bytes at a time and aho-corasick's
//! search loop is tighter than the scanner's per-character one (100 MB of
//! English: 0.56 s against 0.75 s). On other scripts the scanner wins
//! (Russian, Arabic, Hindi: 0.32 s against 0.44 s), so `Matcher::find`
//! picks by the share of ASCII in the text. The property tests in
//! `matcher::tests` check that both engines give exactly the same matches.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{boundary, LanguageMatcher, Matcher, TermMatch};
#[cfg(test)]
use crate::lang::LangTag;
use crate::normalize::{normalize_with, Syntax};

/// A hit on the folded text that passed its boundaries.
struct Candidate {
    start: usize,
    end: usize,
    stem_end: usize,
    pattern: usize,
}

/// Up to this many keys in one language, the automaton is a DFA (as for
/// the scanner's: PERF-NOTES).
const DFA_MAX_PATTERNS: usize = 3_000;

/// The automaton over `lm`'s folded keys.
pub(super) fn build(lm: &LanguageMatcher) -> Option<AhoCorasick> {
    let kind = (lm.patterns.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(lm.patterns.iter().map(|p| p.key.as_str()))
        .ok()
}

impl Matcher<'_> {
    /// `find` with this engine.
    #[cfg(test)]
    pub(crate) fn find_folded(
        &self,
        language: &LangTag,
        text: &str,
        base: usize,
        syntax: Syntax,
    ) -> Vec<TermMatch> {
        // Density 0: never too dense.
        self.find_folded_unless_dense(language, text, base, syntax, 0)
            .unwrap_or_default()
    }

    /// `find_folded`, or `None` if more than one match in `density` bytes
    /// would have to be mapped back: each costs a re-fold from a
    /// checkpoint, and where matches are that dense the scanner, which
    /// needs no mapping, is the faster even after this search (10 million
    /// matches in 50 MB: 3.2 s against 6.9 s).
    #[cfg(test)]
    pub(crate) fn find_folded_unless_dense(
        &self,
        language: &LangTag,
        text: &str,
        base: usize,
        syntax: Syntax,
        density: usize,
    ) -> Option<Vec<TermMatch>> {
        folded_unless_dense(&self.for_language(language), text, base, syntax, density)
    }
}

/// [`Matcher::find_folded_unless_dense`] with the language's matcher at hand.
pub(super) fn folded_unless_dense(
    lm: &LanguageMatcher,
    text: &str,
    base: usize,
    syntax: Syntax,
    density: usize,
) -> Option<Vec<TermMatch>> {
    let Some(ac) = lm.folded() else {
        return Some(Vec::new());
    };
    let normalized = normalize_with(text, syntax);
    let folded = normalized.text.as_str();
    let candidates: Vec<Candidate> = ac
        .find_overlapping_iter(folded)
        .filter(|m| {
            !lm.patterns[m.pattern().as_usize()].word_start || boundary::is_start(folded, m.start())
        })
        .filter_map(|m| complete(lm, folded, m.start(), m.end(), m.pattern().as_usize()))
        // The scanner asks the segmenter about the original text; so
        // does this engine, for the few candidates that may need it.
        .filter(|c| {
            !super::segment::touches_unspaced(folded, &(c.start..c.end))
                || super::segment::is_word_match(text, &normalized.original_range(c.start..c.end))
        })
        .collect();
    // Twice as many candidates as allowed matches: dense whatever is
    // chosen, and not worth sorting.
    if candidates.len().saturating_mul(density) > text.len().saturating_mul(2) {
        return None;
    }
    // Only the chosen are mapped back: mapping re-folds from a checkpoint.
    let chosen = lm.leftmost_longest(candidates, |c| (c.start, c.end, c.pattern));
    if chosen.len().saturating_mul(density) > text.len() {
        return None;
    }
    let found = chosen
        .into_iter()
        .map(|c| {
            let range = normalized.original_range(c.start..c.end);
            let stem = if c.stem_end == c.end {
                range.clone()
            } else {
                normalized.original_range(c.start..c.stem_end)
            };
            lm.term_match(
                c.pattern,
                range.start + base..range.end + base,
                stem.start + base..stem.end + base,
            )
        })
        .collect();
    Some(found)
}

/// Where a raw hit really ends: at a word boundary, after an ending of the
/// language, or nowhere.
fn complete(
    lm: &LanguageMatcher,
    text: &str,
    start: usize,
    end: usize,
    pid: usize,
) -> Option<Candidate> {
    let p = &lm.patterns[pid];
    let candidate = |to| Candidate {
        start,
        end: to,
        stem_end: end,
        pattern: pid,
    };
    let inflection = lm.inflection.filter(|_| p.inflect && p.word_end);
    if let Some(rules) = inflection {
        let word_end = boundary::ending_end(text, end);
        if word_end > end && rules.accepts(&text[start..end], &text[end..word_end]) {
            return Some(candidate(word_end));
        }
    }
    let at_boundary = !p.word_end || boundary::is_end(text, end);
    (at_boundary && !p.truncated).then(|| candidate(end))
}
