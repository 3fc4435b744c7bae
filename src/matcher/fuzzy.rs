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

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use crate::glossary::{Glossary, RenderingKind};
use crate::lang::LangTag;

/// The renderings near-miss compares with, for one document language.
pub struct FuzzyIndex {
    entries: Vec<Entry>,
    /// Per word count (index 0: one word): hash of a skeleton or of one of
    /// its one-deletion variants → entries.
    by_words: Vec<HashMap<u64, Vec<u32>, Prehashed>>,
    /// Folded keys of every rendering in every language: never near-misses.
    /// The same for every language's index, so shared.
    listed: Arc<FastSet<String>>,
    /// Per word count: whether some rendering starts with a small letter.
    lowercase_start: Vec<bool>,
    /// Per word count (from two words): skeletons of renderings' first words
    /// and their one-deletion variants, to skip phrases whose first word is
    /// far from every rendering's.
    first_words: Vec<HashSet<u64, Prehashed>>,
    /// Some term asks for near-misses that are ordinary words.
    word_terms: bool,
    /// The longest skeleton indexed, in characters. A candidate more than
    /// one character longer shares no one-deletion variant with any entry,
    /// and computing its variants costs the square of its length (a "word"
    /// of 200,000 combining marks).
    longest: usize,
}

/// FNV-1a for short strings (words, names): much cheaper than SipHash, and
/// the inputs are the glossary's and the document's own words.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of short strings hashed with [`Fnv`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

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

/// The skeleton hashes a lookup probes: the whole skeleton, then each
/// one-deletion variant.
pub struct Variants(Vec<u64>);

struct Entry {
    term: usize,
    rendering: usize,
    skeleton: Vec<char>,
    capitalised: bool,
}

/// A rendering close to a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearHit {
    pub term: usize,
    pub rendering: usize,
    /// Edit distance between skeletons; 0 for a transliteration variant.
    pub distance: usize,
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

impl FuzzyIndex {
    /// Renderings that fit `language` or the glossary's default language.
    pub fn build(glossary: &Glossary, language: &LangTag) -> FuzzyIndex {
        FuzzyIndex::build_with(glossary, language, Arc::new(listed(glossary)))
    }

    /// `build`, with the set of every rendering's folded key ([`listed`])
    /// shared between the languages' indexes.
    pub(crate) fn build_with(
        glossary: &Glossary,
        language: &LangTag,
        listed: Arc<FastSet<String>>,
    ) -> FuzzyIndex {
        let mut index = FuzzyIndex {
            entries: Vec::new(),
            by_words: vec![HashMap::default(); MAX_WORDS],
            listed,
            lowercase_start: vec![false; MAX_WORDS],
            first_words: vec![HashSet::default(); MAX_WORDS],
            word_terms: glossary.terms.iter().any(|t| t.near_miss_words),
            longest: 0,
        };
        for (ti, term) in glossary.terms.iter().enumerate() {
            for (ri, r) in term.renderings.iter().enumerate() {
                let fits = r.language.fit(language).is_some()
                    || r.language.fit(&glossary.default_language).is_some();
                let words = r.key.split(' ').count();
                if !fits || r.kind == RenderingKind::Form || words > MAX_WORDS {
                    continue;
                }
                let capitalised = r.text.chars().next().is_some_and(char::is_uppercase);
                index.lowercase_start[words - 1] |=
                    r.text.chars().next().is_some_and(char::is_lowercase);
                index.insert(
                    words,
                    Entry {
                        term: ti,
                        rendering: ri,
                        skeleton: skeleton(&r.key).chars().collect(),
                        capitalised,
                    },
                );
            }
        }
        index
    }

    fn insert(&mut self, words: usize, entry: Entry) {
        if words > 1 {
            let first: Vec<char> = entry
                .skeleton
                .iter()
                .copied()
                .take_while(|&c| c != ' ')
                .collect();
            self.first_words[words - 1].extend(variant_hashes(&first));
        }
        self.longest = self.longest.max(entry.skeleton.len());
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
        self.lowercase_start
            .get(words - 1)
            .copied()
            .unwrap_or(false)
    }

    /// The variants of a folded word or phrase, for `plausible_start` and
    /// `lookup_variants`.
    pub fn variants(&self, key: &str) -> Variants {
        let sk: Vec<char> = skeleton(key).chars().collect();
        if sk.len() > self.longest + 1 {
            return Variants(Vec::new());
        }
        Variants(variant_hashes(&sk).collect())
    }

    /// Whether a phrase of `words` words whose first word has `variants` may
    /// be near a rendering of that many words.
    pub fn plausible_start(&self, words: usize, first: &Variants) -> bool {
        self.first_words
            .get(words - 1)
            .is_some_and(|set| first.0.iter().any(|v| set.contains(v)))
    }

    /// Whether some term wants near-misses that are ordinary words.
    pub fn has_word_terms(&self) -> bool {
        self.word_terms
    }

    /// Whether any rendering starts with a small letter.
    pub fn any_lowercase_start(&self) -> bool {
        self.lowercase_start.iter().any(|&b| b)
    }

    /// Whether the folded `key` is a listed rendering of some term.
    pub fn is_listed(&self, key: &str) -> bool {
        self.listed.contains(key)
    }

    /// The closest rendering of `words` words to a candidate with folded
    /// `key`, if one is close enough.
    pub fn lookup(&self, key: &str, words: usize, capitalised: bool) -> Option<NearHit> {
        self.lookup_variants(key, &self.variants(key), words, capitalised)
    }

    /// `lookup`, with the candidate's variants already computed.
    pub fn lookup_variants(
        &self,
        key: &str,
        variants: &Variants,
        words: usize,
        capitalised: bool,
    ) -> Option<NearHit> {
        let map = self.by_words.get(words.checked_sub(1)?)?;
        let mut ids: Vec<u32> = variants
            .0
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
        let sk: Vec<char> = skeleton(key).chars().collect();
        let mut best: Option<NearHit> = None;
        for id in ids {
            let e = &self.entries[id as usize];
            if e.capitalised && !capitalised {
                continue;
            }
            let distance = levenshtein(&sk, &e.skeleton);
            // The shorter side decides: "Adam" (4 letters) is no misspelt
            // "Aghdam", even though "Aghdam" is longer.
            let letters = sk.len().min(e.skeleton.len());
            if distance <= allowed(letters) && best.is_none_or(|b| distance < b.distance) {
                best = Some(NearHit {
                    term: e.term,
                    rendering: e.rendering,
                    distance,
                });
            }
        }
        best
    }
}

/// Whether two folded words or phrases are close by near-miss's measure.
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) =
        (skeleton(a).chars().collect(), skeleton(b).chars().collect());
    levenshtein(&x, &y) <= allowed(x.len().min(y.len()))
}

/// Edits allowed between skeletons whose shorter one has `letters`
/// characters.
fn allowed(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The folded text with romanisation alternatives made equal: kh/x→h,
/// gh→g, zh/dzh/dj→j, sh/ş→ş, ch/ç→ç, then y/j→i, q→k, ə→e, ö→o, ü→u,
/// ğ→g, ı→i, w→v; doubled letters single; hyphens and apostrophes dropped.
pub(crate) fn skeleton(folded: &str) -> String {
    let mut s = folded.to_owned();
    for (from, to) in [
        ("dzh", "j"),
        ("kh", "h"),
        ("gh", "g"),
        ("zh", "j"),
        ("dj", "j"),
        ("sh", "ş"),
        ("ch", "ç"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'y' | 'j' | 'ı' => 'i',
            'x' => 'h',
            'q' => 'k',
            'ə' => 'e',
            'ö' => 'o',
            'ü' => 'u',
            'ğ' => 'g',
            'w' => 'v',
            '-' | '\'' => continue,
            c => c,
        };
        if !out.ends_with(c) || !c.is_alphabetic() {
            out.push(c);
        }
    }
    out
}

/// Hashes of `s` and of every string with one character of `s` deleted,
/// computed without building the strings.
fn variant_hashes(s: &[char]) -> impl Iterator<Item = u64> + '_ {
    (0..=s.len()).map(move |skip| {
        // FNV-1a over the characters, leaving out position `skip` (none when
        // `skip == s.len()`, which comes first below).
        let skip = if skip == 0 { s.len() } else { skip - 1 };
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, &c) in s.iter().enumerate() {
            if i != skip {
                h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    })
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{levenshtein, skeleton, FuzzyIndex};
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
    }

    #[test]
    fn edit_distance() {
        let d = |a: &str, b: &str| {
            levenshtein(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("birlestik", "birlistik"), 1);
        assert_eq!(d("nazarbaiev", "nazarbaev"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
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
