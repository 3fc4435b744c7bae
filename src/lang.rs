//! BCP 47 language tags, as glossary keys and document languages use them.
//!
//! Only the shape of a tag is checked (primary language, then subtags of
//! letters and digits), and its case is canonicalised (`uz-latn` →
//! `uz-Latn`), so tags compare with `==`. Whether a file-name suffix is a
//! language is a stricter question: its primary subtag must be a real ISO 639-1
//! code (SPEC §5), so `docs/` or `2024/` are never mistaken for languages.

use std::fmt;

/// A canonicalised BCP 47 language tag.
///
/// Shared, not owned: every finding carries its document's language, and a
/// clone is a reference count, not an allocation (issue 26). A thin
/// pointer: every segment of a translation memory holds a tag, and
/// `Arc<str>` made each of its millions of segments 8 bytes larger.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangTag(std::sync::Arc<String>);

/// How well a rendering's language fits a document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The document's tag is more general (`uz` document, `uz-Latn` rendering).
    Narrower,
    /// The rendering's tag is more general (`uz-Latn` document, `uz` rendering).
    Broader,
    /// The same tag.
    Exact,
}

impl LangTag {
    /// Parses and canonicalises `s`, or `None` if it is not shaped like a tag.
    pub fn parse(s: &str) -> Option<LangTag> {
        // `sr_RS@latin` (gettext) is `sr-Latn-RS`.
        if let Some((locale, modifier)) = s.split_once('@') {
            let script = MODIFIERS.iter().find(|(m, _)| *m == modifier)?.1;
            let (primary, region) = match locale.split_once(['-', '_']) {
                Some((p, r)) => (p, Some(r)),
                None => (locale, None),
            };
            let tag = match region {
                Some(r) => format!("{primary}-{script}-{r}"),
                None => format!("{primary}-{script}"),
            };
            return LangTag::parse(&tag);
        }
        let mut out = String::with_capacity(s.len());
        for (i, sub) in s.split(['-', '_']).enumerate() {
            let ok_len = if i == 0 {
                (2..=3).contains(&sub.len())
            } else {
                (1..=8).contains(&sub.len())
            };
            let ok_chars = if i == 0 {
                sub.bytes().all(|b| b.is_ascii_alphabetic())
            } else {
                sub.bytes().all(|b| b.is_ascii_alphanumeric())
            };
            if !ok_len || !ok_chars {
                return None;
            }
            if i > 0 {
                out.push('-');
            }
            out.push_str(&canonical_case(i, sub));
        }
        Some(LangTag(out.into()))
    }

    /// The language and its script, which documents must share to be
    /// compared as renderings in one language (issue 21: Serbian in Latin
    /// script is never inconsistent with Serbian in Cyrillic). The script is
    /// the tag's own, else the one its region implies (`zh-TW`), else the
    /// language's usual one for languages written in several (`sr` is
    /// Cyrillic, `uz` Latin), else none.
    pub fn writing(&self) -> String {
        let mut subtags = self.0.split('-');
        let primary = subtags.next().unwrap_or_default();
        let rest: Vec<&str> = subtags.collect();
        let script = rest
            .iter()
            .find(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            .copied()
            .or_else(|| implied_script(primary, &rest));
        match script {
            Some(script) => format!("{primary}-{script}"),
            None => primary.to_owned(),
        }
    }

    /// A tag from a file-name suffix or folder: only real ISO 639-1 languages.
    pub fn from_path_component(s: &str) -> Option<LangTag> {
        let tag = LangTag::parse(s)?;
        ISO_639_1.binary_search(&tag.primary()).ok().map(|_| tag)
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The tag as a key of a `[[term]]` table in glossary.toml: itself,
    /// except Indonesian, whose `id` is the term's own key (`id-ID` applies
    /// to documents tagged `id` as well).
    pub fn glossary_key(&self) -> &str {
        if &*self.0 == "id" {
            "id-ID"
        } else {
            &self.0
        }
    }

    /// The primary language subtag (`uz` of `uz-Latn`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The region subtag (`BR` of `pt-BR`, `RS` of `sr-Latn-RS`), if any.
    pub fn region(&self) -> Option<&str> {
        self.0.split('-').skip(1).find(|s| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
    }

    /// The first two bytes, as one number.
    fn head(&self) -> u16 {
        match self.0.as_bytes() {
            [a, b, ..] => u16::from_le_bytes([*a, *b]),
            _ => 0,
        }
    }

    /// Whether a rendering in language `self` applies to a document in
    /// language `doc`, and how closely.
    pub fn fit(&self, doc: &LangTag) -> Option<Fit> {
        // Every tag starts with a primary subtag of two or three letters
        // (`parse`), so tags that fit share their first two bytes. Most
        // pairs do not: a term's best rendering is looked for among its
        // 160 languages for every finding, and this spares a string
        // comparison for nearly all of them.
        if self.head() != doc.head() {
            return None;
        }
        if self == doc {
            Some(Fit::Exact)
        } else if is_prefix_tag(&self.0, &doc.0) {
            Some(Fit::Broader)
        } else if is_prefix_tag(&doc.0, &self.0) {
            Some(Fit::Narrower)
        } else {
            None
        }
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_prefix_tag(short: &str, long: &str) -> bool {
    long.len() > short.len() && long.starts_with(short) && long.as_bytes()[short.len()] == b'-'
}

/// The script a tag without one implies, for languages written in several
/// (CLDR's likely subtags).
fn implied_script(primary: &str, rest: &[&str]) -> Option<&'static str> {
    let region = rest.iter().find(|s| s.len() == 2).copied();
    match (primary, region) {
        ("zh", Some("TW" | "HK" | "MO")) => Some("Hant"),
        ("zh", _) => Some("Hans"),
        ("sr" | "kk" | "ky" | "tg" | "mn" | "be" | "uk" | "ru" | "bg" | "mk", _) => Some("Cyrl"),
        ("uz" | "az" | "tk" | "bs" | "hr" | "en", _) => Some("Latn"),
        _ => None,
    }
}

/// POSIX locale modifiers for scripts, as PO files and gettext folders
/// write them (`sr@latin`, `uz@cyrillic`).
const MODIFIERS: &[(&str, &str)] = &[("latin", "Latn"), ("cyrillic", "Cyrl")];

/// RFC 5646 case conventions: language lower, script title, region upper.
fn canonical_case(index: usize, sub: &str) -> String {
    match (index, sub.len()) {
        (0, _) => sub.to_ascii_lowercase(),
        (_, 4) if sub.bytes().all(|b| b.is_ascii_alphabetic()) => {
            let lower = sub.to_ascii_lowercase();
            lower[..1].to_ascii_uppercase() + &lower[1..]
        }
        (_, 2) => sub.to_ascii_uppercase(),
        _ => sub.to_ascii_lowercase(),
    }
}

/// ISO 639-1 two-letter codes, sorted (the Library of Congress list).
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

#[cfg(test)]
mod tests {
    use super::{Fit, LangTag, ISO_639_1};

    #[test]
    fn tags_are_canonicalised() {
        assert_eq!(LangTag::parse("uz-latn").unwrap().as_str(), "uz-Latn");
        assert_eq!(LangTag::parse("PT_br").unwrap().as_str(), "pt-BR");
        assert_eq!(LangTag::parse("ind").unwrap().as_str(), "ind");
    }

    #[test]
    fn posix_script_modifiers_are_script_subtags() {
        assert_eq!(LangTag::parse("sr@latin").unwrap().as_str(), "sr-Latn");
        assert_eq!(
            LangTag::parse("sr_RS@latin").unwrap().as_str(),
            "sr-Latn-RS"
        );
        assert_eq!(LangTag::parse("uz@cyrillic").unwrap().as_str(), "uz-Cyrl");
        assert!(LangTag::parse("de@euro").is_none());
    }

    #[test]
    fn scripts_of_one_language_are_different_writings() {
        let w = |s: &str| LangTag::parse(s).unwrap().writing();
        assert_eq!(w("sr"), w("sr-Cyrl"));
        assert_ne!(w("sr"), w("sr-Latn"));
        assert_eq!(w("sr-Latn-RS"), "sr-Latn");
        assert_eq!(w("zh-TW"), "zh-Hant");
        assert_eq!(w("zh"), w("zh-Hans"));
        assert_eq!(w("de-AT"), "de");
        assert_eq!(w("uz"), w("uz-Latn"));
    }

    #[test]
    fn words_are_not_tags() {
        for s in ["english", "", "e", "en-", "en--US", "ru!", "12"] {
            assert!(LangTag::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn path_components_must_be_real_languages() {
        assert!(LangTag::from_path_component("ru").is_some());
        assert!(LangTag::from_path_component("uz-Latn").is_some());
        for s in ["docs", "xx", "2024", "holdout", "src"] {
            assert!(LangTag::from_path_component(s).is_none(), "{s}");
        }
    }

    #[test]
    fn iso_list_is_sorted() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn fit_orders_exact_before_broader_before_narrower() {
        let t = |s| LangTag::parse(s).unwrap();
        assert_eq!(t("uz").fit(&t("uz-Latn")), Some(Fit::Broader));
        assert_eq!(t("uz-Latn").fit(&t("uz")), Some(Fit::Narrower));
        assert_eq!(t("uz").fit(&t("uz")), Some(Fit::Exact));
        assert_eq!(t("uz").fit(&t("uzb")), None);
        assert!(Fit::Exact > Fit::Broader && Fit::Broader > Fit::Narrower);
    }
}
