//! Matching: where the glossary's renderings occur in a document.
//!
//! In: the original text of a segment and the document's language. Out:
//! [`TermMatch`]es with byte ranges into the original text, non-overlapping,
//! leftmost-longest, on whole words.
//!
//! Two engines, with the same results (property-tested): `scanner` folds
//! and searches in one pass, with no folded copy and no offset map, over
//! symbols of the language's own alphabet anchored at word starts; `folded`
//! searches a folded copy and maps back. `find` takes the faster for the
//! text: `folded` on mostly-ASCII text, `scanner` on other scripts.
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
mod folded;
pub(crate) mod fuzzy;
mod scanner;
pub(crate) mod segment;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use crate::dictionary::Dictionaries;
use crate::glossary::{Glossary, Rendering, Term};
use crate::inflect::Inflection;
use crate::lang::{Fit, LangTag};
use crate::normalize::Syntax;
pub use fuzzy::{FuzzyIndex, NearHit};

/// One occurrence of a rendering in a document.
///
/// 48 bytes (72 before): a catalogue of 100,000 units has 400,000 of
/// them, all held while its rules run (issue 22). The stem starts where
/// the match does, so only the ending's length is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Index of the term in `Glossary::terms`.
    pub term: usize,
    /// Byte range in the original document: the whole word, with any ending.
    pub range: Range<usize>,
    /// Index of the rendering in that term's `renderings`.
    rendering: u32,
    /// Bytes of `range` after the stem: the ending's length.
    ending: u32,
    /// The stem lacks the rendering's final letter, which the ending
    /// replaced ("Астан-е" for "Астана").
    pub truncated: bool,
    /// A multi-word rendering declined as a whole, as the glossary would
    /// write it in that case ("Астанинском международном форуме";
    /// `inflect::declensions`): the stem is the whole match. A thin
    /// pointer: `Arc<str>` would be twice the size.
    pub declined: Option<Arc<String>>,
}

const _: () = assert!(std::mem::size_of::<TermMatch>() <= 48);

impl TermMatch {
    /// A match over `range` whose stem is `stem` (which starts where
    /// `range` does).
    pub fn new(
        term: usize,
        rendering: usize,
        range: Range<usize>,
        stem: Range<usize>,
        truncated: bool,
        declined: Option<Arc<String>>,
    ) -> TermMatch {
        debug_assert!(stem.start == range.start && stem.end <= range.end);
        TermMatch {
            term,
            // A file is at most 2 GiB (`scan::MAX_FILE_SIZE`) and a term has
            // far fewer renderings than 2^32.
            rendering: u32::try_from(rendering).unwrap_or(u32::MAX),
            ending: u32::try_from(range.end.saturating_sub(stem.end)).unwrap_or(u32::MAX),
            range,
            truncated,
            declined,
        }
    }

    /// Index of the rendering in the term's `renderings`.
    pub fn rendering_index(&self) -> usize {
        self.rendering as usize
    }

    /// The part of `range` that renders the term, without the ending.
    pub fn stem(&self) -> Range<usize> {
        self.range.start..self.range.end - self.ending as usize
    }

    pub fn term<'g>(&self, glossary: &'g Glossary) -> &'g Term {
        &glossary.terms[self.term]
    }

    pub fn rendering<'g>(&self, glossary: &'g Glossary) -> &'g Rendering {
        &glossary.terms[self.term].renderings[self.rendering_index()]
    }

    /// What the stem should read: the rendering, less its final letter if the
    /// ending replaced it.
    pub fn expected_stem<'a>(&'a self, glossary: &'a Glossary) -> &'a str {
        if let Some(form) = &self.declined {
            return form;
        }
        let text = &self.rendering(glossary).text;
        match text.char_indices().next_back() {
            Some((last, _)) if self.truncated => &text[..last],
            _ => text,
        }
    }

    /// The original text after the stem: the ending, if any.
    pub fn ending<'t>(&self, text: &'t str) -> &'t str {
        &text[self.stem().end..self.range.end]
    }
}

/// The compiled glossary, shared by every thread of a run.
pub struct Matcher<'g> {
    glossary: &'g Glossary,
    built: Arc<Built>,
}

/// What a [`Matcher`] builds from its glossary, each language's part the
/// first time a document needs it. A caller that checks again and again
/// with one glossary (the language server, at every keystroke) keeps it
/// ([`Matcher::built`]) and gives it back with [`Matcher::reusing`], so
/// that a 25,000-rendering glossary is compiled once, not at every check.
pub struct Built {
    by_language: Mutex<HashMap<LangTag, Arc<LanguageMatcher>>>,
    fuzzy: Mutex<HashMap<LangTag, Arc<FuzzyIndex>>>,
    /// Every rendering's folded key, shared by the near-miss indexes.
    listed: std::sync::OnceLock<Arc<fuzzy::FastSet<String>>>,
    dictionaries: Arc<Dictionaries>,
}

/// The automaton for the renderings that fit one document language.
struct LanguageMatcher {
    compiled: Option<scanner::Compiled>,
    /// The folded engine's automaton, built the first time text in the
    /// language is mostly ASCII.
    folded: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    patterns: Vec<Pattern>,
    inflection: Option<&'static Inflection>,
    /// In Arabic, the longest key, in bytes, of the renderings that start
    /// with an Arabic letter (0: none, or another language), which may
    /// follow a proclitic.
    arabic_longest: usize,
    /// The first three letters of those keys (fewer if the key is
    /// shorter): a word after a proclitic is searched only if it starts
    /// like one.
    arabic_starts: crate::hash::FastSet<[char; 3]>,
}

/// The first three characters of `s` (`'\0'` where it has fewer), past
/// optional marks.
fn first_three(s: &str) -> [char; 3] {
    let mut out = ['\0'; 3];
    for (slot, c) in out.iter_mut().zip(
        s.chars()
            .filter(|&c| !crate::normalize::is_optional_mark(c)),
    ) {
        *slot = c;
    }
    out
}

pub(crate) struct Pattern {
    /// The folded text searched for.
    key: String,
    term: usize,
    rendering: usize,
    /// Whether the match must start (end) at a word boundary: only where
    /// the rendering itself starts (ends) with a word character of a script
    /// written with spaces. (The scanner marks word starts in its
    /// automaton's input instead.)
    word_start: bool,
    word_end: bool,
    /// May carry an ending of the document's language.
    inflect: bool,
    /// The rendering less its final letter: valid only with an ending.
    truncated: bool,
    /// The rendering is forbidden: an allowed reading of the same text wins.
    forbidden: bool,
    /// The rendering declined as a whole (`TermMatch::declined`).
    declined: Option<Arc<String>>,
}

impl<'g> Matcher<'g> {
    /// Near-miss knows the dictionaries the glossary names and the bundled
    /// English list: results that do not depend on the machine.
    pub fn new(glossary: &'g Glossary) -> Self {
        Matcher::with_dictionaries(glossary, Vec::new())
    }

    /// `new`, with the Hunspell dictionaries found in the folders `search`
    /// too (`dictionary::standard_locations` for a run of the tool).
    pub fn with_dictionaries(glossary: &'g Glossary, search: Vec<std::path::PathBuf>) -> Self {
        Matcher::remembering(glossary, search, None)
    }

    /// `with_dictionaries`, keeping the dictionaries' answers in `cache`
    /// (`dictionary::cache_location` for a run of the tool) for later runs
    /// ([`Dictionaries::remember`]).
    pub fn remembering(
        glossary: &'g Glossary,
        search: Vec<std::path::PathBuf>,
        cache: Option<std::path::PathBuf>,
    ) -> Self {
        let dictionaries =
            Dictionaries::new(glossary.near_miss_dictionaries.clone(), search).remembering(cache);
        Matcher {
            glossary,
            built: Arc::new(Built {
                by_language: Mutex::new(HashMap::new()),
                fuzzy: Mutex::new(HashMap::new()),
                listed: std::sync::OnceLock::new(),
                dictionaries: Arc::new(dictionaries),
            }),
        }
    }

    /// A matcher that goes on with what another matcher built from the
    /// same `glossary` (the caller keeps the two together: `built` holds
    /// indices into the glossary it was built from).
    pub fn reusing(glossary: &'g Glossary, built: Arc<Built>) -> Self {
        Matcher { glossary, built }
    }

    /// What this matcher has built, to reuse with the same glossary.
    pub fn built(&self) -> Arc<Built> {
        Arc::clone(&self.built)
    }

    /// The dictionaries near-miss has used or tried to.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.built.dictionaries
    }

    /// Every match in the original text `text` in `language`, which starts
    /// at byte `base` of its document, written in `syntax` (in markup,
    /// `&amp;` stands for `&`; in a PO string, `\"` for `"`).
    pub fn find(
        &self,
        language: &LangTag,
        text: &str,
        base: usize,
        syntax: Syntax,
    ) -> Vec<TermMatch> {
        self.find_with(&self.for_language(language), text, base, syntax)
    }

    /// The search for `language`'s names, looked up once for many texts (a
    /// catalogue searches each of its 100,000 units apart); `None` when the
    /// glossary names nothing there, so that no text need be folded.
    pub fn in_language(&self, language: &LangTag) -> Option<InLanguage<'_, 'g>> {
        let lm = self.for_language(language);
        lm.compiled
            .is_some()
            .then_some(InLanguage { matcher: self, lm })
    }

    fn find_with(
        &self,
        lm: &LanguageMatcher,
        text: &str,
        base: usize,
        syntax: Syntax,
    ) -> Vec<TermMatch> {
        let found = lm.find_words(text, base, syntax);
        if lm.arabic_longest == 0 {
            return found;
        }
        self.after_proclitics(text, base, syntax, lm, found)
    }

    /// `found`, with the Arabic names that follow a proclitic: the
    /// conjunctions and prepositions Arabic writes joined to the next word
    /// ("ولبنان", and Lebanon; "بالسودان", in Sudan). Each such word's rest
    /// is searched on its own, in a window as long as the longest Arabic
    /// rendering that ends where a word ends; the match keeps the
    /// proclitic outside its range, so a fix leaves it in place.
    // Kept whole: one pass over the words that may start with a proclitic; each keeps its
    // candidates in the same list.
    fn after_proclitics(
        &self,
        text: &str,
        base: usize,
        syntax: Syntax,
        lm: &LanguageMatcher,
        mut found: Vec<TermMatch>,
    ) -> Vec<TermMatch> {
        let longest = lm.arabic_longest;
        // Folding leaves Arabic letters as they are: a word's first three
        // letters, past marks, are its key's, but a key shorter than three
        // letters is followed by something else in the text.
        let starts_like_a_name = |rest: &str| {
            let [a, b, c] = first_three(rest);
            lm.arabic_starts.contains(&[a, b, c])
                || lm.arabic_starts.contains(&[a, b, '\0'])
                || lm.arabic_starts.contains(&[a, '\0', '\0'])
        };
        let mut more = Vec::new();
        let mut previous: Option<char> = None;
        for (at, c) in text.char_indices() {
            let starts_word = !previous.is_some_and(boundary::is_word_char);
            previous = Some(c);
            if !starts_word || !is_proclitic(c) {
                continue;
            }
            for rest in proclitic_ends(text, at).into_iter().flatten() {
                if !starts_like_a_name(&text[rest..]) {
                    continue;
                }
                // The window ends where a word ends, past the longest
                // rendering (a name in the original may be longer than its
                // folded key: marks fold away).
                let mut end = (rest + 2 * longest + 16).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                end = text[end..]
                    .char_indices()
                    .find(|&(_, c)| !boundary::is_word_char(c))
                    .map_or(text.len(), |(i, _)| end + i);
                // `found` is sorted and disjoint, and `more` grows in order.
                let overlaps = |m: &TermMatch| {
                    let next = found.partition_point(|f| f.range.start < m.range.end);
                    next.checked_sub(1)
                        .map(|k| &found[k])
                        .into_iter()
                        .chain(more.last())
                        .any(|f| f.range.start < m.range.end && m.range.start < f.range.end)
                };
                let after: Vec<TermMatch> = lm
                    .scan(&text[rest..end], base + rest, syntax)
                    .into_iter()
                    .filter(|m| m.range.start == base + rest && !overlaps(m))
                    .collect();
                more.extend(after);
            }
        }
        if more.is_empty() {
            return found;
        }
        found.append(&mut more);
        found.sort_by_key(|m| m.range.start);
        found
    }

    /// `find` with the scanner.
    #[cfg(test)]
    pub(crate) fn find_scanning(
        &self,
        language: &LangTag,
        text: &str,
        base: usize,
        syntax: Syntax,
    ) -> Vec<TermMatch> {
        self.for_language(language).scan(text, base, syntax)
    }

    /// The terms whose matches in `language` can be of two or more
    /// renderings that are neither forbidden nor forms: the only terms
    /// `inconsistent` can report there. From the patterns searched, so that
    /// every match of any other term names it one way.
    pub(crate) fn terms_named_several_ways(
        &self,
        language: &LangTag,
    ) -> crate::hash::FastSet<usize> {
        let counted = |p: &&Pattern| {
            !matches!(
                self.glossary.terms[p.term].renderings[p.rendering].kind,
                crate::glossary::RenderingKind::Forbidden | crate::glossary::RenderingKind::Form
            )
        };
        let mut first: HashMap<usize, usize> = HashMap::new();
        let mut several = crate::hash::FastSet::default();
        for p in self.for_language(language).patterns.iter().filter(counted) {
            if *first.entry(p.term).or_insert(p.rendering) != p.rendering {
                several.insert(p.term);
            }
        }
        several
    }

    /// The near-miss index for documents in `language`, built on first use.
    pub fn fuzzy(&self, language: &LangTag) -> Arc<FuzzyIndex> {
        let mut cache = self
            .built
            .fuzzy
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(cache.entry(language.clone()).or_insert_with(|| {
            let listed = self
                .built
                .listed
                .get_or_init(|| Arc::new(fuzzy::listed(self.glossary)));
            Arc::new(FuzzyIndex::build_with(
                self.glossary,
                language,
                Arc::clone(listed),
                Some(Arc::clone(&self.built.dictionaries)),
            ))
        }))
    }

    fn for_language(&self, language: &LangTag) -> Arc<LanguageMatcher> {
        let mut cache = self
            .built
            .by_language
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(built) = cache.get(language) {
            return Arc::clone(built);
        }
        Arc::clone(
            cache
                .entry(language.clone())
                .or_insert_with(|| Arc::new(LanguageMatcher::build(self.glossary, language))),
        )
    }
}

/// [`Matcher::find`] for one language, its matcher looked up once.
pub struct InLanguage<'m, 'g> {
    matcher: &'m Matcher<'g>,
    lm: Arc<LanguageMatcher>,
}

impl InLanguage<'_, '_> {
    /// [`Matcher::find`] in this language.
    pub fn find(&self, text: &str, base: usize, syntax: Syntax) -> Vec<TermMatch> {
        self.matcher.find_with(&self.lm, text, base, syntax)
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FC}')
}

/// A letter Arabic writes joined to the next word as a conjunction or
/// preposition: و (and), ف (so), ب (in, with), ك (like), ل (for).
fn is_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل')
}

/// Where the word after the proclitics at byte `at` of `text` may start:
/// after one of و ف ب ك ل, and after و/ف followed by ب ك ل ("وبلبنان"),
/// each with any optional marks ("وَ"), where an Arabic letter follows.
/// Both are tried: "ولبنان" is و + "لبنان", "وللسودان" is و + ل + "لسودان".
fn proclitic_ends(text: &str, at: usize) -> [Option<usize>; 2] {
    // The next letter after `from`, past optional marks, and where it is.
    let letter_at = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(_, c)| !crate::normalize::is_optional_mark(c))
            .map(|(i, c)| (from + i, c))
    };
    let Some((_, first)) = letter_at(at).filter(|&(_, c)| is_proclitic(c)) else {
        return [None, None];
    };
    let Some((second_at, second)) = letter_at(at + first.len_utf8()) else {
        return [None, None];
    };
    let one = is_arabic_letter(second).then_some(second_at);
    let two = (matches!(first, 'و' | 'ف') && matches!(second, 'ب' | 'ك' | 'ل'))
        .then(|| letter_at(second_at + second.len_utf8()))
        .flatten()
        .filter(|&(_, c)| is_arabic_letter(c))
        .map(|(i, _)| i);
    [one, two]
}

/// Whether the folded engine is the faster for `text`: at most one byte
/// in `ASCII_SHARE` is not ASCII. Measured per language on the issue-8
/// corpus (10 MB each, one thread): the folded engine wins up to Spanish
/// (6.2% of bytes not ASCII: 0.183 s against 0.195 s), the scanner from
/// Polish (12.5%: 0.192 s against 0.200 s) and Romanian (14%) up to
/// Russian, Arabic, Hindi, Japanese (88-99%: by 15-25%).
fn mostly_ascii(text: &str) -> bool {
    let other = text.bytes().filter(|&b| b >= 0x80).count();
    other * ASCII_SHARE <= text.len()
}

const ASCII_SHARE: usize = 10;

/// Below this many bytes, the scanner even for ASCII: the folded engine's
/// copy of the text and its offset map cost more than they save on a
/// catalogue's short segments (55-byte English sources: 5,600 fewer
/// instructions each with the scanner; 226-byte ones: 4,600 more).
const SHORT_TEXT: usize = 128;

/// More than one match in this many bytes: the scanner is the faster even
/// for ASCII (`Matcher::find_folded_unless_dense`). A corpus where 5% of
/// words are names has one in about 125 bytes.
const DENSE_MATCHES: usize = 32;

impl LanguageMatcher {
    /// `Matcher::find`, for names that start where a word starts.
    fn find_words(&self, text: &str, base: usize, syntax: Syntax) -> Vec<TermMatch> {
        if text.len() >= SHORT_TEXT && mostly_ascii(text) {
            if let Some(found) =
                folded::folded_unless_dense(self, text, base, syntax, DENSE_MATCHES)
            {
                return found;
            }
        }
        self.scan(text, base, syntax)
    }

    /// `Matcher::find` with the scanner.
    fn scan(&self, text: &str, base: usize, syntax: Syntax) -> Vec<TermMatch> {
        let Some(compiled) = &self.compiled else {
            return Vec::new();
        };
        let mut candidates = scanner::scan(compiled, &self.patterns, self.inflection, text, syntax);
        candidates.retain(|c| segment::is_word_match(text, &(c.raw_start..c.raw_end)));
        self.choose(candidates, base)
    }

    /// The folded engine's automaton, built on first use.
    fn folded(&self) -> Option<&aho_corasick::AhoCorasick> {
        // No rendering fits the language: nothing to build.
        self.compiled.as_ref()?;
        self.folded.get_or_init(|| folded::build(self)).as_ref()
    }

    /// The scanner's candidates chosen, with original ranges from `base`.
    fn choose(&self, candidates: Vec<scanner::Candidate>, base: usize) -> Vec<TermMatch> {
        self.leftmost_longest(candidates, |c| (c.start, c.end, c.pattern))
            .into_iter()
            .map(|c| {
                self.term_match(
                    c.pattern,
                    c.raw_start + base..c.raw_end + base,
                    c.raw_start + base..c.raw_stem_end + base,
                )
            })
            .collect()
    }

    /// A match of pattern `pattern` over `range` of its document.
    fn term_match(&self, pattern: usize, range: Range<usize>, stem: Range<usize>) -> TermMatch {
        let p = &self.patterns[pattern];
        TermMatch::new(
            p.term,
            p.rendering,
            range,
            stem,
            p.truncated,
            p.declined.clone(),
        )
    }

    /// Leftmost, then longest, then a whole rendering before a stem: the
    /// candidates that do not overlap, in order. `at` gives a candidate's
    /// folded start and end and its pattern; both engines choose here.
    fn leftmost_longest<C>(
        &self,
        mut candidates: Vec<C>,
        at: impl Fn(&C) -> (usize, usize, usize),
    ) -> Vec<C> {
        candidates.sort_by_key(|c| {
            let (start, end, pattern) = at(c);
            let p = &self.patterns[pattern];
            // Over the same text, a rendering as written beats one that
            // needed an ending, and an allowed reading beats a forbidden
            // one plus an ending: "United Nations" is the allowed
            // rendering, not "United Nation" + "s" (issue 21).
            let with_ending = end - start > p.key.len();
            (
                start,
                std::cmp::Reverse(end),
                with_ending,
                with_ending && p.forbidden,
                p.truncated,
                pattern,
            )
        });
        let mut kept = Vec::new();
        let mut taken_until = 0;
        for c in candidates {
            let (start, end, _) = at(&c);
            if start < taken_until {
                continue;
            }
            taken_until = end;
            kept.push(c);
        }
        kept
    }

    // Kept whole: one pass over the glossary's renderings; the key table and the pattern list it
    // fills are indexed together.
    fn build(glossary: &Glossary, language: &LangTag) -> LanguageMatcher {
        // One pattern per folded key; where tags of several specificities
        // carry the same key, the closest fit wins. A term with no rendering
        // in the document's language is looked for with the renderings of
        // the glossary's default language (issue 21: "Burma" in a German
        // text), which lose to any rendering of the document's own.
        let mut best: HashMap<&str, (Option<Fit>, usize, usize)> = HashMap::new();
        for (ti, term) in glossary.terms.iter().enumerate() {
            let own = term.renders(language);
            for (ri, r) in term.renderings.iter().enumerate() {
                let fit = match r.language.fit(language) {
                    Some(fit) => Some(fit),
                    None if !own && r.language.fit(&glossary.default_language).is_some() => None,
                    None => continue,
                };
                let slot = best.entry(r.key.as_str()).or_insert((fit, ti, ri));
                if fit > slot.0 {
                    *slot = (fit, ti, ri);
                }
            }
        }
        let inflection = crate::inflect::for_language(language);
        // Multi-word names declined as a whole (ru, uk), under keys no
        // rendering has.
        let mut declined: Vec<(String, usize, usize, Arc<String>)> = Vec::new();
        for (_, t, r) in best.values() {
            let term = &glossary.terms[*t];
            if !term.inflect {
                continue;
            }
            let text = &term.renderings[*r].text;
            let person = term.category == crate::glossary::Category::Person;
            for form in crate::inflect::declensions(language.primary(), text, person) {
                let key = crate::normalize::fold_key(&form);
                if !best.contains_key(key.as_str()) {
                    declined.push((key, *t, *r, Arc::new(form)));
                }
            }
        }
        declined.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        declined.dedup_by(|a, b| a.0 == b.0);
        // (folded key, term, rendering, truncated, declined form)
        type Key<'k> = (&'k str, usize, usize, bool, Option<&'k Arc<String>>);
        let mut keys: Vec<Key<'_>> = Vec::new();
        for (key, (_, t, r)) in &best {
            keys.push((key, *t, *r, false, None));
            let stem = inflection
                .filter(|_| glossary.terms[*t].inflect)
                .and_then(|i| i.stem(key));
            if let Some(stem) = stem {
                keys.push((stem, *t, *r, true, None));
            }
        }
        for (key, t, r, form) in &declined {
            keys.push((key, *t, *r, false, Some(form)));
        }
        keys.sort_unstable();
        let patterns = keys
            .iter()
            .map(|&(key, term, rendering, truncated, form)| Pattern {
                key: key.to_owned(),
                term,
                rendering,
                // A character of a script without spaces needs no word
                // boundary next to it (`segment` decides).
                word_start: key
                    .chars()
                    .next()
                    .is_some_and(|c| boundary::is_word_char(c) && !segment::is_unspaced(c)),
                word_end: key
                    .chars()
                    .next_back()
                    .is_some_and(|c| boundary::is_word_char(c) && !segment::is_unspaced(c)),
                // A declined form is complete: no ending follows it.
                inflect: glossary.terms[term].inflect && form.is_none(),
                truncated,
                forbidden: glossary.terms[term].renderings[rendering].kind
                    == crate::glossary::RenderingKind::Forbidden,
                declined: form.cloned(),
            })
            .collect();
        let compiled = if keys.is_empty() {
            None
        } else {
            let texts: Vec<&str> = keys.iter().map(|k| k.0).collect();
            scanner::Compiled::build(&texts)
        };
        // Arabic writes these letters joined to the next word; Persian and
        // Urdu, in the same script, do not ("ففلسطین" is a misspelling).
        let arabic: Vec<&str> = keys
            .iter()
            .map(|k| k.0)
            .filter(|k| {
                language.primary() == "ar" && k.chars().next().is_some_and(is_arabic_letter)
            })
            .collect();
        let arabic_longest = arabic.iter().map(|k| k.len()).max().unwrap_or(0);
        let arabic_starts = arabic.iter().map(|k| first_three(k)).collect();
        LanguageMatcher {
            compiled,
            folded: std::sync::OnceLock::new(),
            patterns,
            inflection,
            arabic_longest,
            arabic_starts,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::{prop, prop_assert_eq, prop_oneof, proptest, Strategy};

    use super::Matcher;
    use crate::glossary::Glossary;
    use crate::lang::LangTag;

    fn found(glossary: &str, lang: &str, text: &str) -> Vec<String> {
        let g = Glossary::from_str(glossary, Path::new("g.toml")).unwrap();
        let m = Matcher::new(&g);
        let lang = LangTag::parse(lang).unwrap();
        let matches = m.find_scanning(&lang, text, 0, crate::normalize::Syntax::Plain);
        assert_eq!(
            matches,
            m.find_folded(&lang, text, 0, crate::normalize::Syntax::Plain),
            "{text:?}"
        );
        assert_eq!(
            matches,
            m.find(&lang, text, 0, crate::normalize::Syntax::Plain),
            "{text:?}"
        );
        matches
            .into_iter()
            .map(|m| text[m.range].to_owned())
            .collect()
    }

    /// Renderings that exercise every part of matching: several words,
    /// inner punctuation, endings (English, Russian, Azerbaijani), a
    /// rendering that starts with punctuation, non-Latin and decomposed
    /// letters, and keys that are prefixes and stems of each other.
    const TRICKY: &str = r#"
[[term]]
id = "alat-port"
en = { preferred = "Alat International Trade Seaport", forbidden = ["Alat International Trade Port"] }
ru = "Порт Алят"
[[term]]
id = "alat"
en = "Alat"
[[term]]
id = "birlestik"
en = "Birlestik-2024"
[[term]]
id = "oman"
en = "Oman"
ru = "Оман"
[[term]]
id = "astana"
en = "Astana"
ru = "Астана"
az = "Astana"
[[term]]
id = "baku"
en = "Baku"
ru = "Баку"
az = "Bakı"
[[term]]
id = "uzbekistan"
en = "Oʻzbekiston"
[[term]]
id = "hertogenbosch"
en = "'s-Hertogenbosch"
[[term]]
id = "cote"
en = "Côte d'Ivoire"
[[term]]
id = "istanbul"
en = "İstanbul"
[[term]]
id = "kazakhstan"
en = "Kazakhstan"
ru = "Казахстан"
[[term]]
id = "shaki"
en = "Shaki"
[[term]]
id = "malaysia"
en = "马来西亚"
ru = "マレーシア"
[[term]]
id = "kyoto"
en = "京都"
az = "เชียงใหม่"
[[term]]
id = "sudan"
en = "السّودان"
ru = "שָׁלוֹם"
"#;

    /// Every rendering of [`TRICKY`], written out in full.
    const RENDERINGS: &[&str] = &[
        "السّودان",
        "السودان",
        "ﺍﻟﺴﻮﺩﺍﻥ",
        "شלום",
        "שָׁלוֹם",
        "Alat International Trade Seaport",
        "Alat International Trade Port",
        "Порт Алят",
        "Alat",
        "Birlestik-2024",
        "Oman",
        "Оман",
        "Astana",
        "Астана",
        "Baku",
        "Баку",
        "Bakı",
        "Oʻzbekiston",
        "'s-Hertogenbosch",
        "Côte d'Ivoire",
        "İstanbul",
        "Kazakhstan",
        "Казахстан",
        "Shaki",
        "马来西亚",
        "マレーシア",
        "京都",
        "เชียงใหม่",
    ];

    /// `text` as a document might write it: each character perhaps in the
    /// other case, decomposed, swapped for a look-alike or a typographic
    /// variant, with an invisible before it, or (a space) as a run of white
    /// space; chosen by `how`.
    fn disguise(text: &str, how: &[u8]) -> String {
        let mut out = String::new();
        for (c, &h) in text.chars().zip(how.iter().cycle()) {
            // Mostly disguises that still match; 0 and 8 to 15 leave `c`.
            match (h % 16, c) {
                (1, _) => out.extend(c.to_uppercase()),
                (2, _) => out.extend(c.to_lowercase()),
                (3, 'a') => out.push('а'),
                (3, 'o') => out.push('о'),
                (3, 'ô') => out.push_str("o\u{302}"),
                (3, 'ı') => out.push('i'),
                (3, 'i') => out.push('İ'),
                (4, ' ') => out.push_str("\n  "),
                (4, '\'') => out.push('’'),
                (4, 'ʻ') => out.push('`'),
                (4, '-') => out.push('–'),
                (5, _) => {
                    out.push('\u{AD}');
                    out.push(c);
                }
                (6, ' ') => out.push('\u{A0}'),
                (6, _) => {
                    out.push(c);
                    out.push('\u{301}');
                }
                (7, _) => {
                    out.push(c);
                    out.push('\u{200B}');
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Pieces of text: disguised renderings, endings, every kind of unit
    /// the normaliser cuts, and characters from anywhere.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (prop::sample::select(RENDERINGS), prop::collection::vec(0u8..=255, 1..8))
                .prop_map(|(r, how)| disguise(r, &how)),
            2 => prop::sample::select(vec![
                // Decomposed and dotted forms, where only NFC or the
                // normaliser's units make the rendering match (or not).
                "Co\u{302}te d'Ivoire", "Co\u{302}te\n d’Ivoire", "Shakİ", "Shaki\u{307}",
                "Baki\u{307}", "Bak\u{131}\u{301}", "O\u{302}man", "Ka\u{301}zakhstan",
            ]).prop_map(str::to_owned),
            2 => prop::sample::select(vec![
                "s", "'s", "’s", "i", "n", "е", "ы", "ой", "da", "'da", "də", "x", "2024", "Trade",
                "International", "woman", "ALAT",
            ]).prop_map(str::to_owned),
            // Scripts without spaces, where the segmenter decides.
            1 => prop::sample::select(vec![
                "他访问了", "首相は", "を訪問した", "。", "東京", "都に住む", "航空", "ไป",
                "เมื่อวาน", "ｱ",
            ]).prop_map(str::to_owned),
            3 => prop::sample::select(vec![
                " ", " ", " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{AD}", "\u{200B}", "-",
                "–", "'", "’", "`", ".", ",", "&amp;", "&#x61;", "&", "<b>", "</b>",
                "<span class=\"x\">", "<", "< b", "<a\nhref=x>", "<ph>&lt;Baku&gt;</ph>", "**", "_", "~~", " *", "\u{301}", "\u{316}",
                "\u{307}", "é", "ß", "\u{1100}\u{1161}", "😀", "\u{FB01}", "İ",
                // Optional Arabic and Hebrew marks, which fold to nothing.
                "\u{651}", "\u{64E}", "\u{640}", "\u{670}", "\u{654}", "\u{5B8}", "\u{5C1}", "ال",
                "س",
                // C strings: escapes, and a PO string's line joins.
                "\\n", "\\\"", "\\\\", "\\t", "\\x41", "\"\n\"", "\" \n\"", "\"\n#~ \"", "\"", "\\",
            ]).prop_map(str::to_owned),
            1 => prop::char::any().prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]

        /// The one-pass scanner finds exactly what folding the whole text
        /// and searching it finds, in plain text and in markup, in every
        /// language of the glossary.
        #[test]
        fn scanning_the_original_finds_what_searching_the_fold_finds(
            pieces in prop::collection::vec(piece(), 0..16),
            lang in prop::sample::select(vec!["en", "ru", "az"]),
            syntax in prop::sample::select(vec![crate::normalize::Syntax::Plain, crate::normalize::Syntax::Markup, crate::normalize::Syntax::CString]),
        ) {
            let g = Glossary::from_str(TRICKY, Path::new("g.toml")).unwrap();
            let m = Matcher::new(&g);
            let text: String = pieces.concat();
            let lang = LangTag::parse(lang).unwrap();
            prop_assert_eq!(
                m.find_scanning(&lang, &text, 7, syntax),
                m.find_folded(&lang, &text, 7, syntax),
                "{:?}", text
            );
        }
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
    fn dense_ascii_text_falls_back_to_the_scanner_with_the_same_matches() {
        let g = Glossary::from_str(G, Path::new("g.toml")).unwrap();
        let m = Matcher::new(&g);
        let en = LangTag::parse("en").unwrap();
        let dense = "Alat ".repeat(1000);
        assert!(m
            .find_folded_unless_dense(
                &en,
                &dense,
                0,
                crate::normalize::Syntax::Plain,
                super::DENSE_MATCHES
            )
            .is_none());
        let sparse = format!("Alat{}", " word".repeat(100));
        assert!(m
            .find_folded_unless_dense(
                &en,
                &sparse,
                0,
                crate::normalize::Syntax::Plain,
                super::DENSE_MATCHES
            )
            .is_some());
        for text in [&dense, &sparse] {
            let found = m.find(&en, text, 3, crate::normalize::Syntax::Plain);
            assert_eq!(
                found,
                m.find_scanning(&en, text, 3, crate::normalize::Syntax::Plain)
            );
            assert_eq!(
                found,
                m.find_folded(&en, text, 3, crate::normalize::Syntax::Plain)
            );
        }
        assert_eq!(
            m.find(&en, &dense, 0, crate::normalize::Syntax::Plain)
                .len(),
            1000
        );
    }

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
    fn names_in_scripts_without_spaces_are_found_where_words_end() {
        let g = "[[term]]\nzh = \"马来西亚\"\nja = \"マレーシア\"\n[[term]]\nja = \"京都\"\n[[term]]\nth = \"มาเลเซีย\"\n";
        assert_eq!(found(g, "zh", "他访问了马来西亚。"), ["马来西亚"]);
        assert_eq!(
            found(g, "ja", "首相はマレーシアを訪問した。"),
            ["マレーシア"]
        );
        assert_eq!(
            found(g, "th", "นายกรัฐมนตรีเดินทางไปประเทศมาเลเซียเมื่อวานนี้"),
            ["มาเลเซีย"]
        );
        // Kyoto is not in Tokyo Metropolis (東京都), though its letters are.
        assert!(found(g, "ja", "東京都に住んでいます").is_empty());
        assert_eq!(found(g, "ja", "京都に住んでいます"), ["京都"]);
    }

    /// Turkic names inflect on their last word only, after its possessive
    /// ending; phrases as news agencies write them, in three cases each.
    #[test]
    fn turkic_multi_word_names_take_the_case_on_the_last_word() {
        let g = "[[term]]\nkk = \"Астана халықаралық форумы\"\nuz = \"Toshkent xalqaro investitsiya forumi\"\naz = \"Bakı Enerji Forumu\"\ntr = \"İstanbul Enerji Forumu\"\nky = \"Ысык-Көл форуму\"\n";
        for (lang, text, want) in [
            (
                "kk",
                "Астана халықаралық форумында сөз сөйледі",
                "Астана халықаралық форумында",
            ),
            (
                "kk",
                "Астана халықаралық форумына қатысты",
                "Астана халықаралық форумына",
            ),
            (
                "kk",
                "Астана халықаралық форумының жұмысы",
                "Астана халықаралық форумының",
            ),
            (
                "uz",
                "Toshkent xalqaro investitsiya forumida nutq",
                "Toshkent xalqaro investitsiya forumida",
            ),
            (
                "uz",
                "Toshkent xalqaro investitsiya forumiga keldi",
                "Toshkent xalqaro investitsiya forumiga",
            ),
            (
                "uz",
                "Toshkent xalqaro investitsiya forumining ishi",
                "Toshkent xalqaro investitsiya forumining",
            ),
            (
                "az",
                "Bakı Enerji Forumunda çıxış etdi",
                "Bakı Enerji Forumunda",
            ),
            ("az", "Bakı Enerji Forumuna qatıldı", "Bakı Enerji Forumuna"),
            ("az", "Bakı Enerji Forumunun işi", "Bakı Enerji Forumunun"),
            (
                "tr",
                "İstanbul Enerji Forumu'nda konuştu",
                "İstanbul Enerji Forumu'nda",
            ),
            (
                "tr",
                "İstanbul Enerji Forumuna katıldı",
                "İstanbul Enerji Forumuna",
            ),
            (
                "tr",
                "İstanbul Enerji Forumunun açılışı",
                "İstanbul Enerji Forumunun",
            ),
            ("ky", "Ысык-Көл форумунда сүйлөдү", "Ысык-Көл форумунда"),
            ("ky", "Ысык-Көл форумуна катышты", "Ысык-Көл форумуна"),
            ("ky", "Ысык-Көл форумунун иши", "Ысык-Көл форумунун"),
        ] {
            assert_eq!(found(g, lang, text), [want], "{lang}: {text}");
        }
    }

    #[test]
    fn general_tag_renderings_apply_to_specific_documents() {
        assert_eq!(found(G, "uz-Latn", "Oʻzbekiston"), ["Oʻzbekiston"]);
    }
}
