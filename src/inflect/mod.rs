//! Inflection: which endings a rendering may carry in a document's language
//! and still be the same name ("Azerbaijan's", "Kazakhstani", "Астане",
//! "Bakıda", "Astana'da").
//!
//! The tables in `tables.rs` are data, small and per language. Two mechanisms
//! cover the languages termlint knows:
//!
//! - suffixes added to the whole rendering (English, Turkic languages),
//!   optionally after an apostrophe, and for Turkish and Azerbaijani only those
//!   whose vowels agree with the rendering's last vowel (front/back harmony);
//! - for Russian and Ukrainian, a final vowel or soft sign that the case ending
//!   replaces ("Астана" → "Астан-е"): the matcher also searches the rendering
//!   without that letter, and accepts it only when an ending follows.
//!
//! Suffixes go on the last word of a multi-word rendering. In Russian and
//! Ukrainian a multi-word name also declines as a whole, adjectives agreeing
//! with the noun (`decline.rs`: "Центральной Азии"); a glossary can list any
//! other form with `forms`.
//! Everything is compared on folded text, so the tables are folded once.

mod decline;
mod tables;

pub use decline::{declensions, decline_as, declines_alike, shared_prefix};

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lang::LangTag;
use crate::normalize::fold_key;

/// The inflection rules of one language, folded for matching.
pub struct Inflection {
    /// Endings, folded (`'s`, `da`, `ой`…), each without a leading apostrophe
    /// when `apostrophe` is set (it is then optional).
    suffixes: HashSet<String>,
    /// The suffix may follow an apostrophe: `Astana'da`.
    apostrophe: bool,
    /// Final letters (folded) an ending replaces.
    strip: Vec<char>,
    /// The same letters as the tables write them.
    strip_written: &'static str,
    /// Front and back vowels (folded) when suffixes follow vowel harmony.
    harmony: Option<(Vec<char>, Vec<char>)>,
    /// Characters in the longest ending, with an apostrophe before it.
    longest: usize,
}

/// The rules for `language`, if termlint has any.
pub fn for_language(language: &LangTag) -> Option<&'static Inflection> {
    static ALL: OnceLock<Vec<(&'static str, Inflection)>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        tables::TABLES
            .iter()
            .map(|t| (t.language, Inflection::fold(t)))
            .collect()
    });
    all.iter()
        .find(|(l, _)| *l == language.primary())
        .map(|(_, i)| i)
}

/// Whether `ending`, written right after a name in a text in `language`,
/// makes another word of it: a people, a language, an adjective
/// ("Armenian", "Azerbaijani", "Kazakhstani"), not a case or a number of
/// the name itself ("Armenia's", "the two Koreas"). A text that writes only
/// such a word does not name the place, and its translation writes its own
/// adjective ("армянский"), which no glossary lists. Told for English only,
/// where every other ending the tables accept is one of these.
pub fn is_derivation(language: &LangTag, ending: &str) -> bool {
    if language.primary() != "en" {
        return false;
    }
    let ending = fold_key(ending);
    !ending.is_empty() && !matches!(ending.as_str(), "'s" | "'" | "s" | "es")
}

impl Inflection {
    fn fold(t: &tables::Table) -> Inflection {
        let fold_chars = |s: &str| fold_key(s).chars().collect::<Vec<char>>();
        let suffixes: HashSet<String> = t.suffixes.iter().map(|s| fold_key(s)).collect();
        Inflection {
            longest: suffixes
                .iter()
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
                + 1,
            suffixes,
            apostrophe: t.apostrophe,
            strip: fold_chars(t.strip),
            strip_written: t.strip,
            harmony: t
                .harmony
                .map(|(front, back)| (fold_chars(front), fold_chars(back))),
        }
    }

    /// Whether the folded rendering `key` may lose its last letter to an
    /// ending; if so, the stem to search for.
    pub fn stem<'k>(&self, key: &'k str) -> Option<&'k str> {
        let last = key.chars().next_back()?;
        let stem = &key[..key.len() - last.len_utf8()];
        (self.strip.contains(&last) && stem.chars().count() >= 2).then_some(stem)
    }

    /// Final letters (folded) an ending may replace (Russian "а" of
    /// "Астана" in "Астаны").
    pub fn final_letters(&self) -> &[char] {
        &self.strip
    }

    /// [`Inflection::final_letters`] as the tables write them (Cyrillic
    /// "а", not the Latin letter it folds to).
    pub fn final_letters_written(&self) -> &'static str {
        self.strip_written
    }

    /// The most characters an ending that [`Inflection::accepts`] can have.
    pub fn longest_ending(&self) -> usize {
        self.longest
    }

    /// Whether `ending` (folded text right after the folded `stem`) is an
    /// inflection of it.
    pub fn accepts(&self, stem: &str, ending: &str) -> bool {
        let bare = if self.apostrophe {
            ending.strip_prefix('\'').unwrap_or(ending)
        } else {
            ending
        };
        !bare.is_empty() && self.suffixes.contains(bare) && self.in_harmony(stem, bare)
    }

    fn in_harmony(&self, stem: &str, suffix: &str) -> bool {
        let Some((front, back)) = &self.harmony else {
            return true;
        };
        let class = |c: char| {
            if front.contains(&c) {
                Some(true)
            } else if back.contains(&c) {
                Some(false)
            } else {
                None
            }
        };
        let Some(stem_front) = stem.chars().rev().find_map(class) else {
            return true;
        };
        suffix.chars().filter_map(class).all(|f| f == stem_front)
    }
}

#[cfg(test)]
mod tests {
    use super::for_language;
    use crate::lang::LangTag;
    use crate::normalize::fold_key;

    fn accepts(lang: &str, stem: &str, ending: &str) -> bool {
        let rules = for_language(&LangTag::parse(lang).unwrap()).unwrap();
        rules.accepts(&fold_key(stem), &fold_key(ending))
    }

    #[test]
    fn english_possessives_and_demonyms() {
        for (stem, ending) in [
            ("Azerbaijan", "’s"),
            ("Azerbaijan", "i"),
            ("Kazakhstan", "i"),
            ("Armenia", "n"),
        ] {
            assert!(accepts("en", stem, ending), "{stem}+{ending}");
        }
        assert!(!accepts("en", "Alat", "au"));
    }

    #[test]
    fn russian_case_endings_replace_the_final_vowel() {
        let ru = for_language(&LangTag::parse("ru").unwrap()).unwrap();
        let key = fold_key("Астана");
        let stem = ru.stem(&key).unwrap();
        assert!(ru.accepts(stem, &fold_key("е")) && ru.accepts(stem, &fold_key("ы")));
        assert!(ru.stem(&fold_key("Баку")).is_none());
        assert!(accepts("ru", "Казахстан", "е"));
    }

    #[test]
    fn turkic_suffixes_follow_harmony_with_or_without_apostrophe() {
        assert!(accepts("az", "Bakı", "da"));
        assert!(!accepts("az", "Bakı", "də"));
        assert!(accepts("az", "Gəncə", "də"));
        assert!(accepts("tr", "Astana", "'da"));
        assert!(accepts("tr", "Astana", "da"));
        assert!(accepts("uz", "Toshkent", "da"));
    }

    #[test]
    fn korean_particles_attach_to_the_name() {
        assert!(accepts("ko", "파이썬", "의"));
        assert!(accepts("ko", "서울", "에서"));
        assert!(!accepts("ko", "서울", "대학교"));
    }

    #[test]
    fn a_bare_word_continuation_is_not_an_ending() {
        assert!(!accepts("en", "Kars", "tens"));
        assert!(!accepts("az", "Bakı", ""));
    }
}
