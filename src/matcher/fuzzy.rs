//! Fuzzy lookup of renderings, for `near-miss`.
//!
//! Names drift between romanisations: Nazarbayev/Nazarbaev, Kurmangazy/
//! Kurmangazi, Zhomart/Jomart, Ulugbek/Ulughbek. Both a rendering and a
//! candidate are reduced to a *skeleton* in which those alternatives coincide
//! (see [`skeleton`]), and compared by edit distance on skeletons: a
//! transliteration variant has distance 0, a real misspelling ("Birlistik")
//! distance 1 or 2. How far a candidate may be grows with the rendering's
//! length: up to 4 letters only transliteration variants, up to 8 one edit,
//! longer two, as far as one deletion on each side reaches (an inserted and a
//! dropped letter, a transposition; not two substitutions).
//!
//! Candidates are not compared with every rendering: the index holds each
//! skeleton and every skeleton with one letter deleted (symmetric delete, as
//! SymSpell does), per number of words, so a lookup is a handful of hash
//! probes whatever the glossary's size. Variants are hashed straight from the
//! characters, without building strings; a hash collision only costs one more
//! edit-distance check, because every hit is verified.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use crate::dictionary::{Dictionaries, Known, Words};
use crate::glossary::{Glossary, RenderingKind};
use crate::inflect::Inflection;
use crate::lang::LangTag;

/// The renderings near-miss compares with, for one document language.
pub struct FuzzyIndex {
    /// Tells indexes apart for caches that outlive a document (the
    /// near-miss rule's memo of words): unique within the process.
    id: u64,
    entries: Vec<Entry>,
    /// Per word count (index 0: one word): hash of a skeleton or of one of
    /// its one-deletion variants → entries.
    by_words: Vec<HashMap<u64, Vec<u32>, Prehashed>>,
    /// Folded keys of every rendering in every language: never near-misses.
    /// The same for every language's index, so shared.
    listed: Arc<FastSet<String>>,
    /// Bit `n - 1` set if some rendering of `n` words starts with a small
    /// letter.
    lowercase_start: u8,
    /// The skeletons of renderings' first words and their one-deletion
    /// variants, each with bit `n - 1` set for the word counts `n` (from
    /// two) of the renderings they start: to skip phrases whose first word
    /// is far from every rendering's. One map, so a word's variants are
    /// looked up once, not once per word count. The second mask counts
    /// only renderings that do not start with a capital: all a word
    /// without one can start (`lookup_probe` skips the others for it).
    ///
    /// The third part is `anchors`' bits for the same variant, so that a
    /// word's variants are looked up once for both.
    first_words: HashMap<u64, (u8, u8, u64), Prehashed>,
    /// Renderings whose first word starts with a small letter and a later
    /// one with a capital ("the State of Palestine"), by the skeleton of
    /// that first capitalised word and its one-deletion variants: bit
    /// `(n - 1) * 8 + j` for a rendering of `n` words whose word `j` (from
    /// 0) it is. Their candidates are looked for from that word back, so
    /// that "the" does not make every small word of a text a candidate's
    /// start (issue 28). Their first words are not in `first_words`.
    /// Kept in `first_words`' third part; here whether there are any.
    anchored: bool,
    /// Some one-word rendering, or first word of a longer one (or first
    /// capitalised word, for `anchors`), has at most one character that is
    /// not an ASCII digit: only then can a word written in digits alone
    /// share a one-deletion variant with it, and so start a candidate.
    near_digits: bool,
    /// Per word count: bit `n` set if some skeleton has `n` characters. A
    /// candidate shares a one-deletion variant with an entry only if their
    /// lengths differ by at most one, which rules out most phrases before
    /// their variants are hashed.
    lengths: Vec<[u64; 4]>,
    /// Some term asks for near-misses that are ordinary words.
    word_terms: bool,
    /// The words of the document language, read when a candidate first
    /// needs them (most documents have none): from `dictionaries`, if a
    /// dictionary has them.
    words: OnceLock<Option<Arc<Words>>>,
    dictionaries: Option<Arc<Dictionaries>>,
    language: LangTag,
    /// The document language's endings, found once: `distance` asks for
    /// them for every rendering it verifies, and finding a language's
    /// table is a search of the list of tables.
    inflection: Option<&'static Inflection>,
    /// The longest skeleton indexed, in characters. A candidate more than
    /// one character longer shares no one-deletion variant with any entry,
    /// and computing its variants costs the square of its length (a "word"
    /// of 200,000 combining marks).
    longest: usize,
    /// The characters of one-word renderings' skeletons, and of the
    /// words `first_words` holds. A word two of whose characters are in
    /// neither shares no one-deletion variant with any (all but one
    /// character of each side of a shared variant are the other side's):
    /// most words of a Japanese text, whose kana and kanji few names use,
    /// are then not looked up at all.
    single_chars: CharSet,
    start_chars: CharSet,
}

/// A set of characters of the Basic Multilingual Plane, as bits: 8 KiB,
/// asked once for each character of each new word. Every character above
/// it counts as in the set.
struct CharSet(Box<[u64]>);

impl Default for CharSet {
    fn default() -> Self {
        CharSet(vec![0; 1 << 10].into_boxed_slice())
    }
}

impl CharSet {
    fn insert_all(&mut self, chars: &[char]) {
        for &c in chars {
            let c = c as usize;
            if let Some(bits) = self.0.get_mut(c >> 6) {
                *bits |= 1 << (c & 63);
            }
        }
    }

    fn contains(&self, c: char) -> bool {
        let c = c as usize;
        self.0
            .get(c >> 6)
            .is_none_or(|bits| bits >> (c & 63) & 1 != 0)
    }

    /// Whether two or more of `chars` are not in the set.
    fn misses_twice(&self, chars: &[char]) -> bool {
        let mut missing = 0;
        for &c in chars {
            let c = c as usize;
            let known = self
                .0
                .get(c >> 6)
                .is_none_or(|bits| bits >> (c & 63) & 1 != 0);
            missing += usize::from(!known);
            if missing == 2 {
                return true;
            }
        }
        false
    }
}

use crate::hash::{fold_multiply, MIX};
pub(crate) use crate::hash::{FastSet, WordHasher};

/// The keys are already hashes: use them as they are.
type Prehashed = BuildHasherDefault<Identity>;

#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A candidate as a lookup sees it: its skeleton and the hashes of the
/// skeleton and of each of its one-deletion variants. Reused from one
/// candidate to the next, so that looking one up allocates nothing.
#[derive(Default)]
pub struct Probe {
    skeleton: Vec<char>,
    variants: Vec<u64>,
    /// Written without Greek or Cyrillic letters ([`is_latin`]).
    latin: bool,
    /// Near no one-word rendering, and starting no longer one, by its
    /// characters (`FuzzyIndex::single_chars`, `start_chars`).
    near_no_word: bool,
    starts_none: bool,
    /// `variants` were not computed, for `near_no_word` and `starts_none`.
    unhashed: bool,
}

impl Probe {
    /// The candidate with folded `key`, for `index`.
    /// `latin`: the candidate is written in Latin letters ([`is_latin`]).
    pub fn set(&mut self, index: &FuzzyIndex, key: &str, latin: bool) {
        self.latin = latin;
        skeleton_into(key, latin, &mut self.skeleton);
        self.near_no_word = index.single_chars.misses_twice(&self.skeleton);
        self.starts_none = index.start_chars.misses_twice(&self.skeleton);
        // A word (no space) that is near no one-word rendering and starts
        // no longer one is looked up no further (`lookup_probe` hashes
        // its variants should it be asked for longer renderings).
        self.unhashed = self.near_no_word && self.starts_none && !self.skeleton.contains(&' ');
        // Longer than that, it shares no variant with any entry, and its
        // variants would cost the square of its length to verify.
        if self.skeleton.len() > index.longest + 1 || self.unhashed {
            self.variants.clear();
        } else {
            variant_hashes_into(&self.skeleton, &mut self.variants);
        }
    }

    /// The skeleton's length in characters.
    pub fn len(&self) -> usize {
        self.skeleton.len()
    }
}

struct Entry {
    term: usize,
    rendering: usize,
    skeleton: Vec<char>,
    capitalised: bool,
    /// A rendering of the glossary's default language, compared because
    /// the term has none in the document's language.
    fallback: bool,
    /// Written without Greek or Cyrillic letters ([`is_latin`]).
    latin: bool,
}

/// A rendering close to a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearHit {
    pub term: usize,
    pub rendering: usize,
    /// Edit distance between skeletons; 0 for a transliteration variant.
    pub distance: usize,
    /// The length of the rendering's skeleton, in characters.
    pub letters: usize,
    /// Characters of the candidate that are an ending of the document's
    /// language, compared without it (0: none).
    pub ending: u8,
    /// The ending replaced the rendering's final letter.
    pub restored: bool,
}

/// The folded key of every rendering of `glossary`, in every language.
pub(crate) fn listed(glossary: &Glossary) -> FastSet<String> {
    glossary
        .terms
        .iter()
        .flat_map(|t| &t.renderings)
        .map(|r| r.key.clone())
        .collect()
}

/// Renderings of more words than this are not looked up fuzzily.
pub(crate) const MAX_WORDS: usize = 6;
// Word counts are bits of a `u8` (`lowercase_start`, `plausible_starts`).
const _: () = assert!(MAX_WORDS <= 8);

impl FuzzyIndex {
    /// Renderings that fit `language`, or the glossary's default language
    /// for terms with none in `language`.
    /// Ordinary words are those of the bundled list (English).
    pub fn build(glossary: &Glossary, language: &LangTag) -> FuzzyIndex {
        let bundled = Arc::new(Dictionaries::bundled());
        FuzzyIndex::build_with(
            glossary,
            language,
            Arc::new(listed(glossary)),
            Some(bundled),
        )
    }

    /// `build`, with the set of every rendering's folded key ([`listed`])
    /// shared between the languages' indexes, and the language's words.
    pub(crate) fn build_with(
        glossary: &Glossary,
        language: &LangTag,
        listed: Arc<FastSet<String>>,
        dictionaries: Option<Arc<Dictionaries>>,
    ) -> FuzzyIndex {
        let mut index = FuzzyIndex::empty(glossary, language, listed, dictionaries);
        for (ti, term) in glossary.terms.iter().enumerate() {
            // As for exact matches: the default language's renderings only
            // for terms with none in the document's language (issue 21).
            let own = term.renders(language);
            for (ri, r) in term.renderings.iter().enumerate() {
                let fits = r.language.fit(language).is_some()
                    || (!own && r.language.fit(&glossary.default_language).is_some());
                let words = r.key.split(' ').count();
                if !fits || r.kind == RenderingKind::Form || words > MAX_WORDS {
                    continue;
                }
                let latin = is_latin(&r.text);
                let skeleton: Vec<char> = skeleton_of(&r.key, latin).chars().collect();
                // A name of one or two letters ("Ý", Italy in Vietnamese)
                // has no spelling to get wrong: "YY" in a date format was
                // its "transliteration variant".
                if skeleton.len() < 3 {
                    continue;
                }
                let capitalised = r.text.chars().next().is_some_and(char::is_uppercase);
                let anchored = index.small_start(&r.text, &skeleton, words);
                index.insert(
                    words,
                    anchored,
                    Entry {
                        term: ti,
                        rendering: ri,
                        skeleton,
                        capitalised,
                        fallback: r.language.fit(language).is_none(),
                        latin,
                    },
                );
            }
        }
        index
    }

    /// An index of no renderings yet, for documents in `language`.
    fn empty(
        glossary: &Glossary,
        language: &LangTag,
        listed: Arc<FastSet<String>>,
        dictionaries: Option<Arc<Dictionaries>>,
    ) -> FuzzyIndex {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        FuzzyIndex {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            entries: Vec::new(),
            by_words: vec![HashMap::default(); MAX_WORDS],
            listed,
            lowercase_start: 0,
            first_words: HashMap::default(),
            anchored: false,
            near_digits: false,
            lengths: vec![[0; 4]; MAX_WORDS],
            word_terms: glossary.terms.iter().any(|t| t.near_miss_words),
            words: OnceLock::new(),
            dictionaries,
            language: language.clone(),
            inflection: crate::inflect::for_language(language),
            longest: 0,
            single_chars: CharSet::default(),
            start_chars: CharSet::default(),
        }
    }

    /// Notes a rendering written `text` that starts with a small letter:
    /// by its first capitalised word if it has one (`anchors`; returns
    /// true), else as a start any small word may make (`lowercase_start`).
    fn small_start(&mut self, text: &str, skeleton: &[char], words: usize) -> bool {
        if !text.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let Some((j, word)) = first_capitalised(text, skeleton, words) else {
            self.lowercase_start |= 1 << (words - 1);
            return false;
        };
        let bit = 1u64 << ((words - 1) * 8 + j);
        self.near_digits |= is_near_digits(&word);
        self.start_chars.insert_all(&word);
        for variant in variant_hashes(&word) {
            self.first_words.entry(variant).or_default().2 |= bit;
        }
        self.anchored = true;
        true
    }

    /// `anchored`: the entry is found from its first capitalised word
    /// (`anchors`), not from its first word.
    fn insert(&mut self, words: usize, anchored: bool, entry: Entry) {
        if words > 1 && !anchored {
            let first: Vec<char> = entry
                .skeleton
                .iter()
                .copied()
                .take_while(|&c| c != ' ')
                .collect();
            let bit = 1 << (words - 1);
            self.near_digits |= is_near_digits(&first);
            self.start_chars.insert_all(&first);
            for variant in variant_hashes(&first) {
                let (all, uncapitalised, _) = self.first_words.entry(variant).or_default();
                *all |= bit;
                if !entry.capitalised {
                    *uncapitalised |= bit;
                }
            }
        }
        if words == 1 {
            self.near_digits |= is_near_digits(&entry.skeleton);
            self.single_chars.insert_all(&entry.skeleton);
        }
        self.longest = self.longest.max(entry.skeleton.len());
        let n = entry.skeleton.len().min(255);
        self.lengths[words - 1][n / 64] |= 1 << (n % 64);
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        let map = &mut self.by_words[words - 1];
        for variant in variant_hashes(&entry.skeleton) {
            let ids = map.entry(variant).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        self.entries.push(entry);
    }

    /// Whether candidates of `words` words starting with a small letter can
    /// match anything.
    pub fn wants_lowercase(&self, words: usize) -> bool {
        (1..=MAX_WORDS).contains(&words) && self.lowercase_start & (1 << (words - 1)) != 0
    }

    /// This index's identity within the process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// For a first word with `variants`: bit `w - 1` is set for each number
    /// of words `w` (from two) such that a phrase of `w` words starting with
    /// it may be near a rendering of that many words; if it does not start
    /// with a capital (`capitalised`), a rendering that does not either.
    ///
    /// With it, for a `capitalised` word, the renderings that start with
    /// small words whose first capitalised word it may be: bit `(n - 1) *
    /// 8 + j` for a rendering of `n` words whose word `j` it would be
    /// (`small_start`); 0 for a word that is not capitalised.
    pub fn plausible_starts(&self, first: &Probe, capitalised: bool) -> (u8, u64) {
        if first.starts_none {
            return (0, 0);
        }
        first
            .variants
            .iter()
            .filter_map(|v| self.first_words.get(v))
            .fold((0, 0), |(mask, anchors), &(all, uncapitalised, bits)| {
                if capitalised {
                    (mask | all, anchors | bits)
                } else {
                    (mask | uncapitalised, anchors)
                }
            })
    }

    /// Whether a word written in ASCII digits alone ("2024", a unit's
    /// number) may start a candidate. If not, near-miss need not look it
    /// up: its skeleton is its digits, and it shares no one-deletion
    /// variant with any word this index looks words up by.
    pub fn digits_may_start(&self) -> bool {
        self.near_digits
    }

    /// Whether some rendering is found from its first capitalised word
    /// (`plausible_starts`' second part).
    pub fn has_anchors(&self) -> bool {
        self.anchored
    }

    /// Whether some term wants near-misses that are ordinary words.
    pub fn has_word_terms(&self) -> bool {
        self.word_terms
    }

    /// Whether any rendering starts with a small letter.
    pub fn any_lowercase_start(&self) -> bool {
        self.lowercase_start != 0
    }

    /// Bit `n - 1` set if some rendering of `n` words starts with a small
    /// letter: the candidate lengths a lowercase word can start.
    pub fn lowercase_starts(&self) -> u8 {
        self.lowercase_start
    }

    /// What the document language's dictionary says of `spelling` (one
    /// word as written); [`Known::No`] without a dictionary.
    pub fn classify(&self, spelling: &str) -> Known {
        let words = self.words.get_or_init(|| {
            self.dictionaries
                .as_ref()
                .and_then(|d| d.for_language(&self.language))
        });
        words.as_ref().map_or(Known::No, |w| w.classify(spelling))
    }

    /// The endings of the document language, if termlint has its table.
    pub fn inflection(&self) -> Option<&'static Inflection> {
        self.inflection
    }

    /// Whether the folded `key` is a listed rendering of some term.
    pub fn is_listed(&self, key: &str) -> bool {
        self.listed.contains(key)
    }

    /// The closest rendering of `words` words to a candidate with folded
    /// `key`, if one is close enough.
    pub fn lookup(&self, key: &str, words: usize, capitalised: bool) -> Option<NearHit> {
        let mut probe = Probe::default();
        probe.set(self, key, is_latin(key));
        self.lookup_probe(&probe, words, capitalised)
    }

    /// Whether a candidate of `words` words whose skeleton has `n`
    /// characters can be near any rendering: the lengths of two skeletons
    /// that share a one-deletion variant differ by at most one.
    pub fn may_be_near(&self, n: usize, words: usize) -> bool {
        let Some(lengths) = words.checked_sub(1).and_then(|w| self.lengths.get(w)) else {
            return false;
        };
        let has = |n: usize| lengths[n.min(255) / 64] & (1 << (n.min(255) % 64)) != 0;
        n <= self.longest + 1 && (has(n) || has(n + 1) || n.checked_sub(1).is_some_and(has))
    }

    /// Whether a word written `spelling` is ruled out by its characters
    /// as `Probe::set` rules words out (`unhashed`), told from the
    /// spelling without folding it or making its skeleton: for a word of
    /// kana and CJK ideographs alone (most words of Japanese text), two
    /// distinct ideographs of which no one-word rendering uses, and two
    /// that no word starting a longer one uses. Folding and the skeleton
    /// leave such a word's ideographs as they are and drop none but the
    /// second of a doubled one (`the_characters_a_word_is_ruled_out_by_are_its_skeletons`),
    /// so its skeleton misses each set at least twice too; and neither
    /// makes a space of a kana.
    pub fn ruled_out_as_written(&self, spelling: &str) -> bool {
        let (mut single, mut start) = (Missing::default(), Missing::default());
        for c in spelling.chars() {
            if is_ideograph(c) {
                if !self.single_chars.contains(c) {
                    single.add(c);
                }
                if !self.start_chars.contains(c) {
                    start.add(c);
                }
            } else if !is_kana(c) {
                return false;
            }
        }
        single.twice() && start.twice()
    }

    /// Whether a candidate of `words` words in `probe` may be near a
    /// rendering of that many, by its characters: if not, no lookup finds
    /// one.
    fn may_find(probe: &Probe, words: usize) -> bool {
        words != 1 || !probe.near_no_word
    }

    /// `lookup`, with the candidate already in `probe`.
    pub fn lookup_probe(&self, probe: &Probe, words: usize, capitalised: bool) -> Option<NearHit> {
        let map = self.by_words.get(words.checked_sub(1)?)?;
        if !self.may_be_near(probe.len(), words) || !Self::may_find(probe, words) {
            return None;
        }
        let hashed;
        let variants = if probe.unhashed {
            hashed = variant_hashes(&probe.skeleton).collect::<Vec<_>>();
            &hashed
        } else {
            &probe.variants
        };
        let mut ids: Vec<u32> = variants
            .iter()
            .filter_map(|v| map.get(v))
            .flatten()
            .copied()
            .collect();
        if ids.is_empty() {
            return None;
        }
        ids.sort_unstable();
        ids.dedup();
        let mut best: Option<NearHit> = None;
        for id in ids {
            let e = &self.entries[id as usize];
            if let Some(distance) = self.distance(probe, e, capitalised) {
                if best.is_none_or(|b| distance < b.distance) {
                    best = Some(NearHit {
                        term: e.term,
                        rendering: e.rendering,
                        distance,
                        letters: e.skeleton.len(),
                        ending: 0,
                        restored: false,
                    });
                }
            }
        }
        best
    }

    /// The edit distance from the candidate in `probe` to the rendering of
    /// `e`, if it is a near-miss of it.
    fn distance(&self, probe: &Probe, e: &Entry, capitalised: bool) -> Option<usize> {
        let sk = &probe.skeleton;
        if (e.capitalised && !capitalised)
            || derived(sk, &e.skeleton, self.inflection)
            || (e.fallback && own_form(sk, &e.skeleton))
        {
            return None;
        }
        let distance = edit_distance(sk, &e.skeleton);
        // Latin letters against Cyrillic or Greek ones meet only through
        // the look-alike folding ("Kexi", a program, and "Кенія"): the
        // same name in the other script, or nothing.
        if e.latin != probe.latin && distance > 0 {
            return None;
        }
        // The rendering's length decides ("Ktar" is one edit from
        // "Katar"), but a candidate of three letters or fewer is no
        // misspelling of anything.
        let letters = if sk.len() < 4 { 0 } else { e.skeleton.len() };
        // A misspelling seldom changes the first letter (studies of
        // spelling errors put it under one in ten), while other names one
        // letter from a short one often do ("Haman" and "Yaman", "Cabbon"
        // and "Gabon"): on names of up to LONG letters the first letters
        // must agree, after transliteration's folding.
        let first_agrees = letters > LONG || sk.first() == e.skeleton.first();
        (distance <= allowed(letters) && (distance == 0 || first_agrees)).then_some(distance)
    }
}

/// The distinct characters seen missing from a set, up to two.
#[derive(Default)]
struct Missing(Option<char>, bool);

impl Missing {
    fn add(&mut self, c: char) {
        match self.0 {
            None => self.0 = Some(c),
            Some(first) if first != c => self.1 = true,
            Some(_) => {}
        }
    }

    fn twice(&self) -> bool {
        self.1
    }
}

/// A CJK unified ideograph of the main block.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// A hiragana or katakana letter, or the prolonged sound mark: no sound
/// marks, spacing or combining, which fold to other characters.
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}')
}

/// Of a rendering written `text` with `skeleton` (`words` words), the
/// first word that starts with a capital, after the first: its index and
/// its skeleton. `None` if there is none, or if the text and the skeleton
/// do not have the same words.
fn first_capitalised(text: &str, skeleton: &[char], words: usize) -> Option<(usize, Vec<char>)> {
    if text.split_whitespace().count() != words {
        return None;
    }
    let j = text
        .split_whitespace()
        .position(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|&j| j > 0)?;
    let word = skeleton.split(|&c| c == ' ').nth(j)?.to_vec();
    Some((j, word))
}

/// Whether `skeleton` has at most one character that is not an ASCII
/// digit: a one-deletion variant of it can then be digits alone (or
/// nothing), as a word of digits and its variants are.
fn is_near_digits(skeleton: &[char]) -> bool {
    skeleton.iter().filter(|c| !c.is_ascii_digit()).count() <= 1
}

/// Whether two folded words or phrases are close by near-miss's measure.
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) =
        (skeleton(a).chars().collect(), skeleton(b).chars().collect());
    edit_distance(&x, &y) <= allowed(x.len().min(y.len()))
}

/// Names longer than this (in skeleton characters) may be misspelt in
/// their first letter too.
const LONG: usize = 8;

/// Edits allowed from a rendering whose skeleton has `letters` characters.
pub(crate) fn allowed(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The folded text with romanisation alternatives made equal: kh/x→h,
/// gh→g, zh/dzh/dj→j, sh/ş→ş, ch/ç→ç, then y/j→i, q→k, ə→e, ö→o, ü→u,
/// ğ→g, ı→i, w→v; a doubled letter single (a tripled one double); hyphens and apostrophes dropped.
pub(crate) fn skeleton(folded: &str) -> String {
    let mut out = Vec::new();
    skeleton_into(folded, is_latin(folded), &mut out);
    out.into_iter().collect()
}

/// [`skeleton`] of a text whose script is known: `latin` if it was written
/// in Latin letters before folding.
fn skeleton_of(folded: &str, latin: bool) -> String {
    let mut out = Vec::new();
    skeleton_into(folded, latin, &mut out);
    out.into_iter().collect()
}

/// Whether `text` has no Greek or Cyrillic letter. Folding turns the
/// Cyrillic letters that look Latin into Latin ones ("Момокнан" becomes
/// "momokhah"), so the script is told from the text as written.
pub(crate) fn is_latin(text: &str) -> bool {
    !text.chars().any(|c| matches!(c, '\u{0370}'..='\u{052F}'))
}

/// [`skeleton`], as characters, into `out` (cleared first).
pub(crate) fn skeleton_into(folded: &str, latin: bool, out: &mut Vec<char>) {
    out.clear();
    // Every digraph ends in h or j: most words have neither and need no
    // rewriting.
    let rewritten;
    let mut s = folded;
    // Romanisation digraphs are Latin: a Cyrillic word's folded key has
    // look-alike Latin letters in it ("Борекнан" folds to "бopekhah"),
    // whose "kh" is no digraph.
    if latin && folded.contains(['h', 'j']) {
        let mut t = folded.to_owned();
        for (from, to) in [
            ("dzh", "j"),
            ("kh", "h"),
            ("gh", "g"),
            ("zh", "j"),
            ("dj", "j"),
            ("sh", "ş"),
            ("ch", "ç"),
        ] {
            if t.contains(from) {
                t = t.replace(from, to);
            }
        }
        rewritten = t;
        s = &rewritten;
    }
    let (mut previous, mut run) = (None, 0usize);
    for c in s.chars() {
        // Arabic vowel marks and the hamza written above or below are
        // optional in writing: "البريطانيّة" is "البريطانية".
        if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}') {
            continue;
        }
        let c = match base_letter(c) {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'y' | 'j' | 'ı' => 'i',
            'x' => 'h',
            'q' => 'k',
            'ə' => 'e',
            'w' => 'v',
            '-' | '\'' => continue,
            c => c,
        };
        // A doubled letter is a spelling variant ("Mohammed", "Mohamed"),
        // so the second of a run is dropped; a third is a typo on top of
        // it ("Патттрун" is one edit from "Патетрун", not two) and stays.
        run = if previous == Some(c) { run + 1 } else { 1 };
        previous = Some(c);
        if run != 2 || !c.is_alphabetic() {
            out.push(c);
        }
    }
}

/// `c` without its diacritics, for letters of the Latin, Greek and
/// Cyrillic scripts: the first character of its canonical decomposition
/// (Unicode NFD) when the rest are combining marks ("ö" → "o", "é" → "e",
/// "ă" → "a", "й" → "и"), and "đ" → "d", "ł" → "l", "ø" → "o", which have
/// none. A name written without its diacritics ("Goygol") is then a
/// transliteration variant of the name with them ("Göygöl"). "ş" and "ç"
/// stay, because "sh" and "ch" become them: "Samaxi" is one edit from
/// "Şamaxı". Other scripts keep their characters: a Devanagari vowel sign
/// or a Hangul syllable's parts are letters, not diacritics.
fn base_letter(c: char) -> char {
    match c {
        'a'..='z' => c,
        'đ' => 'd',
        'ł' => 'l',
        'ø' => 'o',
        // What "sh" and "ch" become: "Parish" is no "Paris".
        'ş' | 'ç' => c,
        '\u{00C0}'..='\u{024F}' | '\u{0370}'..='\u{04FF}' | '\u{1E00}'..='\u{1FFF}' => {
            let mut base = None;
            let mut marks_only = true;
            unicode_normalization::char::decompose_canonical(c, |d| match base {
                None => base = Some(d),
                Some(_) => marks_only &= unicode_normalization::char::is_combining_mark(d),
            });
            match base {
                Some(b) if marks_only => b,
                _ => c,
            }
        }
        _ => c,
    }
}

/// Hashes of `s` and of every string with one character of `s` deleted,
/// computed without building the strings, in time linear in `s`'s length:
/// a polynomial hash, so that the hash with character `k` left out is the
/// hash of what comes before it shifted past what comes after, plus the
/// hash of what comes after. Each is then mixed, because the hash tables
/// bucket by the low bits and those of a polynomial hash modulo 2^64 depend
/// on the low bits of the characters only. A collision costs one more
/// edit-distance check: every hit is verified.
fn variant_hashes(s: &[char]) -> impl Iterator<Item = u64> {
    let mut out = Vec::new();
    variant_hashes_into(s, &mut out);
    out.into_iter()
}

/// [`variant_hashes`] into `out` (cleared first): the whole at 0, then the
/// deletion of character k at k + 1.
fn variant_hashes_into(s: &[char], out: &mut Vec<u64>) {
    const BASE: u64 = 0x0000_0100_0000_01b3;
    // First out[k] is the hash of s[..k]; each is overwritten once it is
    // no longer needed.
    out.clear();
    let mut h = 0u64;
    out.push(h);
    for &c in s {
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(c) + 1);
        out.push(h);
    }
    // Deleting character k: `suffix` is the hash of s[k + 1..] and `shift`
    // is BASE^(len - 1 - k). out[k + 1] (the hash of s[..k + 1]) is not
    // needed once k is reached, so the deletion goes there.
    let mut suffix = 0u64;
    let mut shift = 1u64;
    for k in (0..s.len()).rev() {
        out[k + 1] = out[k].wrapping_mul(shift).wrapping_add(suffix);
        suffix = suffix.wrapping_add((u64::from(s[k]) + 1).wrapping_mul(shift));
        shift = shift.wrapping_mul(BASE);
    }
    out[0] = h;
    for v in out.iter_mut() {
        *v = fold_multiply(*v, MIX);
    }
}

/// Edit distance in which swapping two neighbours is one edit, like an
/// insertion, a deletion or a substitution ("Bhuatn" is one edit from
/// "Bhutan"): the optimal string alignment distance (Damerau's, with no
/// substring edited twice).
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    // Three rows: two before the current one, for the swap.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let mut d = (previous[j] + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(previous[j + 1] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb && ca != cb {
                d = d.min(before[j - 1] + 1);
            }
            row[j + 1] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut row);
    }
    previous[b.len()]
}

/// Whether `candidate` is `rendering` with an ending of up to [`ENDING`]
/// letters ("Izraela", "Egiptu", "Israeli"), or with its final vowel
/// replaced by one that starts with a vowel ("Ukrainy" for "Ukraina").
/// Such a word is an inflected or derived form, not a misspelling: a
/// near-miss's edits fall inside the stem. A phrase is derived when each of
/// its words is the rendering's word, or that word with an ending
/// `inflection` (the document language's table) has, or a plural "s"/"es"
/// ("Presidents of Kazakhstan"), or an Arabic word joined to its
/// conjunction: any other letters added to a word inside a name are a
/// misspelling ("Sierar Leone", "Porti Rico").
fn derived(candidate: &[char], rendering: &[char], inflection: Option<&Inflection>) -> bool {
    if candidate == rendering {
        return false;
    }
    if !rendering.contains(&' ') {
        return derived_word(candidate, rendering);
    }
    let words = |s: &[char]| s.split(|&c| c == ' ').count();
    words(candidate) == words(rendering)
        && candidate
            .split(|&c| c == ' ')
            .zip(rendering.split(|&c| c == ' '))
            .all(|(c, r)| {
                c == r
                    || with_proclitic(c, r)
                    || c.strip_prefix(r).is_some_and(|ending| {
                        let ending: String = ending.iter().collect();
                        matches!(ending.as_str(), "s" | "es")
                            || inflection
                                .is_some_and(|i| i.accepts(&r.iter().collect::<String>(), &ending))
                    })
            })
}

/// [`derived`] for one word.
fn derived_word(candidate: &[char], rendering: &[char]) -> bool {
    if with_proclitic(candidate, rendering) {
        return true;
    }
    let ending = |stem: &[char]| {
        candidate
            .strip_prefix(stem)
            .filter(|e| (1..=ENDING).contains(&e.len()))
    };
    if candidate == rendering {
        return false;
    }
    // "Izraela", "Israeli", "Israels": the whole rendering and an ending.
    if ending(rendering).is_some() {
        return true;
    }
    // "Ukrainy", "Ливией": a final vowel replaced by an ending that starts
    // with a vowel ("Włochhy" is no form of "Włochy").
    match rendering.split_last() {
        Some((last, stem)) if is_vowel(*last) && stem.len() >= 3 => {
            ending(stem).is_some_and(|e| is_vowel(e[0]))
        }
        _ => false,
    }
}

/// Whether `candidate` differs from `rendering`, a rendering of another
/// language, only in their last two letters or fewer, on a stem of four
/// letters or more: the document language's own form of the name or a word
/// made from it (Catalan "Armeni", Esperanto "Armena" and Occitan "Armèni"
/// for the English "Armenia", in catalogues that list languages), not a
/// misspelling of the other language's. A slip in a name's last two
/// letters, written in the other language, goes unreported.
fn own_form(candidate: &[char], rendering: &[char]) -> bool {
    let stem = candidate
        .iter()
        .zip(rendering)
        .take_while(|(a, b)| a == b)
        .count();
    stem >= 4 && stem + 2 >= rendering.len() && stem + 2 >= candidate.len()
}

/// Whether `candidate` is the Arabic `rendering` with the conjunctions and
/// prepositions Arabic writes joined to the next word: "و" (and), "ف"
/// (so), "ب" (in), "ك" (like), "ل" (for), alone or after "و"/"ف"
/// ("وجنوب" is "and South"), and "ل" before "ال", which loses its alif
/// ("للسودان", for Sudan).
fn with_proclitic(candidate: &[char], rendering: &[char]) -> bool {
    let arabic = |c: &char| ('\u{0620}'..='\u{064A}').contains(c);
    if !rendering.first().is_some_and(arabic) {
        return false;
    }
    let single = |c: char| matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل');
    if let Some((prefix, _)) = candidate
        .len()
        .checked_sub(rendering.len())
        .map(|n| candidate.split_at(n))
        .filter(|(_, rest)| *rest == rendering)
    {
        return match prefix {
            [c] => single(*c),
            [a, b] => matches!(a, 'و' | 'ف') && matches!(b, 'ب' | 'ك' | 'ل'),
            _ => false,
        };
    }
    // "ل" + "السودان" is written "للسودان".
    let Some(after) = rendering.strip_prefix(&['ا', 'ل'][..]) else {
        return false;
    };
    let lead = match candidate {
        ['و' | 'ف', rest @ ..] => rest,
        _ => candidate,
    };
    // A skeleton keeps one letter of a doubled pair.
    lead.strip_prefix(&['ل', 'ل'][..]) == Some(after)
        || lead.strip_prefix(&['ل'][..]) == Some(after)
}

/// The longest ending [`derived`] accepts, in letters.
const ENDING: usize = 4;

/// A vowel of the Latin or Cyrillic alphabet, as skeletons write it.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'а'
            | 'е'
            | 'и'
            | 'о'
            | 'у'
            | 'ы'
            | 'э'
            | 'ю'
            | 'я'
            | 'ь'
            | 'і'
            | 'ї'
            | 'є'
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{derived, edit_distance, skeleton, variant_hashes, FuzzyIndex, Probe};
    use crate::glossary::Glossary;
    use crate::lang::LangTag;
    use crate::normalize::fold_key;

    #[test]
    fn transliteration_variants_share_a_skeleton() {
        for (a, b) in [
            ("Aliyev", "Aliev"),
            ("Kurmangazy", "Kurmangazi"),
            ("Ulugbek", "Ulughbek"),
            ("Kassym-Jomart", "Kasym-Zhomart"),
            ("Xorazm", "Khorazm"),
            ("Oʻzbekiston", "Ozbekiston"),
            ("Qazaqstan", "Kazakstan"),
        ] {
            assert_eq!(skeleton(&fold_key(a)), skeleton(&fold_key(b)), "{a} / {b}");
        }
        // A doubled letter is a variant; a tripled one is a typo on top of
        // it, one edit from the name (the proptest of fixes found
        // "Патттрун" two edits from "Патетрун").
        let sk = |s: &str| skeleton(&fold_key(s)).chars().collect::<Vec<_>>();
        assert_eq!(sk("Mohammed"), sk("Mohamed"));
        assert_eq!(edit_distance(&sk("Патттрун"), &sk("Патетрун")), 1);
        assert_eq!(edit_distance(&sk("Kazakhsstan"), &sk("Kazakhstan")), 0);
        assert_eq!(edit_distance(&sk("Kazakhssstan"), &sk("Kazakhstan")), 1);
    }

    /// A rendering of the default language, compared in a document of
    /// another language that has none: that language's own form of the
    /// name, which differs in its last letters, is no near-miss; a slip
    /// inside the name still is, and in the default language's own
    /// documents nothing changes.
    #[test]
    fn another_languages_form_of_a_fallback_rendering_is_no_near_miss() {
        let g = Glossary::from_str(
            "[[term]]\nen = \"Armenia\"\n[[term]]\nen = \"Kazakhstan\"\nca = \"Kazakhstan\"\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let ca = FuzzyIndex::build(&g, &LangTag::parse("ca").unwrap());
        let en = FuzzyIndex::build(&g, &LangTag::parse("en").unwrap());
        let near = |index: &FuzzyIndex, w: &str| index.lookup(&fold_key(w), 1, true).is_some();
        for own in ["Armeni", "Armena", "Armèni"] {
            assert!(!near(&ca, own), "{own}");
            assert!(near(&en, own), "{own} in English");
        }
        assert!(near(&ca, "Armnia"));
        // The document language's own rendering: a slip at its end is one.
        assert!(near(&ca, "Kazakhstn"));
    }

    /// A word of digits alone ("2024", a unit's number) starts no
    /// candidate where no rendering is near digits, so near-miss may skip
    /// it; a rendering that is or starts with such a word ("G20", "1 May
    /// Square") makes numbers possible starts again ("Apollo 11" does not:
    /// its number is never its first word).
    #[test]
    fn numbers_start_candidates_only_near_renderings_of_digits() {
        let en = LangTag::parse("en").unwrap();
        let index = |toml: &str| {
            let g = Glossary::from_str(toml, Path::new("g.toml")).unwrap();
            FuzzyIndex::build(&g, &en)
        };
        let far = index(
            "[[term]]\nen = \"Birlestik-2024\"\n[[term]]\nen = \"Expo 2017 Astana\"\n[[term]]\nen = \"the State of Palestine\"\n",
        );
        assert!(!far.digits_may_start());
        for word in ["1", "7", "20", "2017", "2024", "20245", "1000000"] {
            let mut probe = Probe::default();
            probe.set(&far, word, true);
            assert_eq!(far.plausible_starts(&probe, true), (0, 0), "{word}");
            assert!(far.lookup_probe(&probe, 1, true).is_none(), "{word}");
        }
        for near in ["G20", "1 May Square", "7 Wonders"] {
            let toml = format!("[[term]]\nen = \"{near}\"\n");
            assert!(index(&toml).digits_may_start(), "{near}");
        }
    }

    #[test]
    fn variant_hashes_are_the_hashes_of_the_deletions() {
        let hash = |s: &[char]| variant_hashes(s).next().unwrap();
        for word in ["", "a", "ab", "birlestik", "қазақстан", "ab ab", "2024"] {
            let s: Vec<char> = word.chars().collect();
            let got: Vec<u64> = variant_hashes(&s).collect();
            let mut want = vec![hash(&s)];
            for k in 0..s.len() {
                let mut t = s.clone();
                t.remove(k);
                want.push(hash(&t));
            }
            assert_eq!(got, want, "{word}");
        }
        let h = |w: &str| hash(&w.chars().collect::<Vec<_>>());
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h("a"), h(""));
    }

    #[test]
    fn edit_distances() {
        let d = |a: &str, b: &str| {
            edit_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("birlestik", "birlistik"), 1);
        assert_eq!(d("nazarbaiev", "nazarbaev"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        // A swap of neighbours is one edit; of letters further apart, two.
        assert_eq!(d("bhuatn", "bhutan"), 1);
        assert_eq!(d("ab", "ba"), 1);
        assert_eq!(d("abc", "cba"), 2);
        assert_eq!(d("ca", "abc"), 3);
    }

    #[test]
    fn names_without_diacritics_share_a_skeleton() {
        for (a, b) in [
            ("Göygöl", "Goygol"),
            ("Şamaxı", "Şamaxi"),
            ("Bénin", "Benin"),
            ("Łódź", "Lodz"),
            ("Ăn-đoa-râ", "An-doa-ra"),
            ("Türkiye", "Turkiye"),
        ] {
            assert_eq!(skeleton(&fold_key(a)), skeleton(&fold_key(b)), "{a} / {b}");
        }
        // A Cyrillic "кн" folds to look-alike Latin letters, which are no
        // "kh" digraph: "Борекнан" is one letter from "Борекран".
        assert_eq!(skeleton(&fold_key("Борекнан")).chars().count(), 8);
        let cyrillic = |s: &str| super::skeleton_of(&fold_key(s), false);
        assert_eq!(cyrillic("Момокнан").chars().count(), 8);
        // Not in scripts where marks are letters.
        assert_ne!(skeleton("मिस्र"), skeleton("मसर"));
        assert_ne!(skeleton("한국"), skeleton("ㅎㅏㄴㄱㅜㄱ"));
    }

    #[test]
    fn a_rendering_with_an_ending_is_derived_not_misspelt() {
        let sk = |s: &str| skeleton(&fold_key(s)).chars().collect::<Vec<_>>();
        let ru = crate::inflect::for_language(&LangTag::parse("ru").unwrap());
        for (word, name) in [
            ("Izraela", "Izrael"),
            ("Egiptu", "Egipt"),
            ("Israeli", "Israel"),
            ("Ukrainy", "Ukraina"),
            ("Казахстана", "Казахстан"),
            ("Presidents of Kazakhstan", "President of Kazakhstan"),
            ("Trade Seaports", "Trade Seaport"),
            ("Республики Казахстан", "Республик Казахстан"),
            ("والسودان", "السودان"),
            ("للسودان", "السودان"),
            ("وللسودان", "السودان"),
            ("وجنوب السودان", "جنوب السودان"),
            ("ولبنان", "لبنان"),
        ] {
            assert!(derived(&sk(word), &sk(name), ru), "{word} / {name}");
        }
        for (word, name) in [
            ("Kazakstan", "Kazakhstan"),
            ("Kazakhstaan", "Kazakhstan"),
            ("Bhuatn", "Bhutan"),
            ("Казакстана", "Казахстан"),
            ("Israelitisch", "Israel"),
            ("Włochhy", "Włochy"),
            ("Eswatin", "Eswatini"),
            ("Sudán del Sru", "Sudán del Sur"),
            ("Presidents Kazakhstan", "President of Kazakhstan"),
            ("Sierar Leone", "Sierra Leone"),
            ("Porti Rico", "Puerto Rico"),
            ("Santí Lucía", "Santa Lucía"),
            ("ملبنان", "لبنان"),
            ("سلسودان", "السودان"),
        ] {
            assert!(!derived(&sk(word), &sk(name), ru), "{word} / {name}");
        }
    }

    /// `probe` as it was before the character filter: every variant
    /// hashed, nothing ruled out.
    fn unfiltered(index: &FuzzyIndex, key: &str) -> Probe {
        let mut probe = Probe::default();
        probe.set(index, key, super::is_latin(key));
        probe.near_no_word = false;
        probe.starts_none = false;
        probe.unhashed = false;
        if probe.skeleton.len() <= index.longest + 1 {
            super::variant_hashes_into(&probe.skeleton, &mut probe.variants);
        }
        probe
    }

    proptest::proptest! {
        /// Words ruled out by their characters are those no lookup finds:
        /// names with up to three letters replaced or added, some of kana
        /// and kanji that no name uses, and phrases of them.
        #[test]
        fn ruling_words_out_by_their_characters_changes_no_answer(
            base in 0usize..6,
            edits in proptest::collection::vec((0usize..3, 0usize..12, 0usize..12), 0..4),
            words in 1usize..4,
            capitalised: bool,
        ) {
            const BASES: [&str; 6] =
                ["アメリカ合衆国", "アンドラ", "andorra", "new zealand", "アメリカ 合衆国", "new"];
            const LETTERS: [char; 12] =
                ['ア', 'メ', 'リ', 'カ', '日', 'は', 'を', '言', 'a', 'n', 'z', ' '];
            let g = Glossary::from_str(
                "[[term]]\nen = \"Andorra\"\nja = \"アンドラ\"\n\
                 [[term]]\nen = \"America\"\nja = \"アメリカ合衆国\"\n\
                 [[term]]\nen = \"Japan\"\nja = \"日本\"\n\
                 [[term]]\nen = \"New Zealand\"\n",
                Path::new("g.toml"),
            )
            .unwrap();
            let index = FuzzyIndex::build(&g, &LangTag::parse("ja").unwrap());
            let mut key: Vec<char> = BASES[base].chars().collect();
            for (kind, at, letter) in edits {
                let at = at % (key.len() + 1);
                match kind {
                    0 if at < key.len() => key[at] = LETTERS[letter],
                    1 if at < key.len() => {
                        key.remove(at);
                    }
                    _ => key.insert(at, LETTERS[letter]),
                }
            }
            let key: String = key.into_iter().collect();
            let mut probe = Probe::default();
            probe.set(&index, &key, super::is_latin(&key));
            let plain = unfiltered(&index, &key);
            proptest::prop_assert_eq!(
                index.lookup_probe(&probe, words, capitalised),
                index.lookup_probe(&plain, words, capitalised),
                "{:?}", key
            );
            proptest::prop_assert_eq!(
                index.plausible_starts(&probe, capitalised),
                index.plausible_starts(&plain, capitalised),
                "{:?}", key
            );
        }
    }

    #[test]
    fn the_characters_a_word_is_ruled_out_by_are_its_skeletons() {
        // Every ideograph folds and skeletons to itself, and no kana to a
        // space: `ruled_out_as_written` counts on both.
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| super::is_ideograph(c)) {
            let folded = fold_key(&c.to_string());
            assert_eq!(folded, c.to_string(), "U+{:04X}", u32::from(c));
            for latin in [false, true] {
                assert_eq!(
                    super::skeleton_of(&folded, latin),
                    folded,
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
        for c in ('\u{3000}'..='\u{30FF}').filter(|&c| super::is_kana(c)) {
            let folded = fold_key(&c.to_string());
            assert_eq!(folded.chars().count(), 1, "U+{:04X}", u32::from(c));
            assert!(
                !super::skeleton_of(&folded, true).contains(' '),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn a_word_ruled_out_as_written_is_ruled_out_by_its_skeleton(
            letters in proptest::collection::vec(0usize..16, 1..12),
        ) {
            // Ideographs that names use (日, 本, 合, 衆, 国), and that they
            // do not, doubled too; kana; a character that is neither.
            const LETTERS: [char; 16] = [
                '日', '本', '合', '衆', '国', '神', '光', '言', '人', '人', 'ア', 'メ', 'は', 'を',
                'ー', '々',
            ];
            let g = Glossary::from_str(
                "[[term]]\nen = \"Japan\"\nja = \"日本\"\n\
                 [[term]]\nen = \"America\"\nja = \"アメリカ合衆国\"\n\
                 [[term]]\nen = \"Republic of Korea\"\nja = \"大韓 民国\"\n",
                Path::new("g.toml"),
            )
            .unwrap();
            let index = FuzzyIndex::build(&g, &LangTag::parse("ja").unwrap());
            let word: String = letters.iter().map(|&k| LETTERS[k]).collect();
            if index.ruled_out_as_written(&word) {
                let mut probe = Probe::default();
                let key = fold_key(&word);
                probe.set(&index, &key, super::is_latin(&word));
                proptest::prop_assert!(probe.unhashed, "{:?}", word);
            }
        }
    }

    #[test]
    fn a_word_of_characters_no_name_uses_is_not_looked_up() {
        let g = Glossary::from_str(
            "[[term]]\nen = \"Japan\"\nja = \"日本\"\n[[term]]\nen = \"America\"\nja = \"アメリカ合衆国\"\n\
             [[term]]\nen = \"New Zealand\"\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let index = FuzzyIndex::build(&g, &LangTag::parse("ja").unwrap());
        let mut probe = Probe::default();
        // "Latin": no Greek or Cyrillic letter (`is_latin`).
        probe.set(&index, "神は光あれと言われた", true);
        assert!(probe.unhashed && probe.variants.is_empty());
        // One character no name uses is not enough: "アメリガ合衆国" is a
        // misspelling of "アメリカ合衆国".
        probe.set(&index, "アメリガ合衆国", true);
        assert!(!probe.near_no_word);
        assert!(index.lookup_probe(&probe, 1, true).is_some());
        // Nor is one that starts a longer name ("New Zealand", compared in
        // the glossary's language where Japanese has no rendering).
        probe.set(&index, "new", true);
        assert!(probe.near_no_word && !probe.starts_none);
        assert_eq!(index.plausible_starts(&probe, true), (0b10, 0));
    }

    #[test]
    fn lookup_finds_close_renderings_and_respects_length_limits() {
        let g = Glossary::from_str(
            "[[term]]\nen = \"Birlestik-2024\"\n[[term]]\nen = \"Baku\"\n[[term]]\nen = \"Nursultan Nazarbayev\"\n",
            Path::new("g.toml"),
        )
        .unwrap();
        let index = FuzzyIndex::build(&g, &LangTag::parse("en").unwrap());
        let hit = index.lookup(&fold_key("Birlistik-2024"), 1, true).unwrap();
        assert_eq!((hit.term, hit.distance), (0, 1));
        assert_eq!(
            index
                .lookup(&fold_key("Nursultan Nazarbaev"), 2, true)
                .unwrap()
                .distance,
            1
        );
        assert!(
            index.lookup(&fold_key("Back"), 1, true).is_none(),
            "short names need an exact skeleton"
        );
        assert!(
            index.lookup(&fold_key("Bak"), 1, true).is_none(),
            "and so do short candidates"
        );
        assert!(
            index
                .lookup(&fold_key("Birlistik-2024"), 1, false)
                .is_none(),
            "capitalised renderings need capitals"
        );
        // Two edits on a long name: an inserted and a dropped letter is found...
        assert_eq!(
            index
                .lookup(&fold_key("Birlestk-20244"), 1, true)
                .unwrap()
                .distance,
            2
        );
        // ...two substitutions are not (one deletion on each side cannot reach them).
        assert!(index.lookup(&fold_key("Borlestok-2024"), 1, true).is_none());
    }
}
