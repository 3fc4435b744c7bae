//! The raw serde form of `glossary.toml` (SPEC §2).
//!
//! Unknown keys are rejected, and everything a validation error may point at
//! is `Spanned`, so errors can name a line and column. A `[[term]]` table mixes
//! fixed keys with language keys, which `deny_unknown_fields` cannot express,
//! so [`RawTerm`] has a hand-written map visitor. Enumerated values (category,
//! case) stay strings here and are checked in `validate.rs`, so that one bad
//! value does not hide every other problem behind a serde error.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGlossary {
    pub(super) version: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) defaults: RawDefaults,
    #[serde(default, rename = "term")]
    pub(super) terms: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    pub(super) rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default, rename = "near-miss")]
    pub(super) near_miss: RawNearMiss,
    #[serde(default, rename = "ignore")]
    pub(super) ignores: Vec<RawIgnore>,
    #[serde(default, rename = "set")]
    pub(super) sets: Vec<RawSet>,
    #[serde(default)]
    pub(super) files: RawFiles,
}

/// `[files]`: which walked files are checked (issue 22).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFiles {
    #[serde(default)]
    pub(super) include: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) exclude: Vec<Spanned<String>>,
    /// Unfinished unit states checked anyway (`fuzzy`, `new`, …).
    #[serde(default, rename = "include-states")]
    pub(super) include_states: Vec<Spanned<String>>,
    /// The charset of files that are not UTF-8 (a WHATWG label).
    pub(super) encoding: Option<Spanned<String>>,
}

/// `[[set]]`: documents that render the same text (SPEC §5).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSet {
    pub(super) name: Spanned<String>,
    pub(super) paths: Vec<Spanned<String>>,
    pub(super) source: Option<Spanned<String>>,
    /// The document the others render (a path relative to the glossary's
    /// folder): same-language renderings are number-checked against it.
    #[serde(rename = "source-document")]
    pub(super) source_document: Option<Spanned<String>>,
}

/// `[[ignore]]`: files not checked, or checked without some rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIgnore {
    pub(super) paths: Vec<Spanned<String>>,
    pub(super) rules: Option<Vec<Spanned<String>>>,
}

/// `[near-miss]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNearMiss {
    /// Words and phrases never reported as near-misses.
    #[serde(default)]
    pub(super) ignore: Vec<String>,
    /// Hunspell dictionaries (`.dic` paths, relative to the glossary).
    #[serde(default)]
    pub(super) dictionaries: Vec<Spanned<String>>,
    /// Whether the run's own evidence drops frequent spellings.
    pub(super) evidence: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDefaults {
    pub(super) language: Option<Spanned<String>>,
    pub(super) case: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) equivalent: Vec<Spanned<String>>,
}

#[derive(Debug, Default)]
pub(super) struct RawTerm {
    pub(super) id: Option<Spanned<String>>,
    pub(super) category: Option<Spanned<String>>,
    pub(super) note: Option<String>,
    pub(super) case: Option<Spanned<String>>,
    /// `inflect = false`: match the renderings only as written.
    pub(super) inflect: Option<bool>,
    /// Extra inflected or derived forms the tables cannot produce.
    pub(super) forms: Vec<Spanned<String>>,
    /// `near-miss-words = true`: report near-misses that are ordinary words.
    pub(super) near_miss_words: Option<bool>,
    /// Language keys with their renderings, in the order written.
    pub(super) languages: Vec<(Spanned<String>, RawRendering)>,
}

/// `en = "Astana"` or `en = { preferred = ..., accepted = [...], forbidden = [...] }`.
#[derive(Debug)]
pub(super) enum RawRendering {
    Shorthand(Spanned<String>),
    Table(RawRenderingTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRenderingTable {
    pub(super) preferred: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) accepted: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) forbidden: Vec<Spanned<String>>,
    /// Short forms used after a full mention ("AIFC", "Tokayev"): correct,
    /// never a second rendering for `inconsistent`.
    #[serde(default)]
    pub(super) short: Vec<Spanned<String>>,
    /// Regular expressions for families of forbidden spellings
    /// (`Nur[ -]?Sultan`), matched as whole words on folded text.
    #[serde(default, rename = "forbidden-patterns")]
    pub(super) forbidden_patterns: Vec<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawTerm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TermVisitor)
    }
}

struct TermVisitor;

impl<'de> Visitor<'de> for TermVisitor {
    type Value = RawTerm;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a term table with `id`, `category`, `note`, `case`, `inflect`, `forms` and language keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTerm, A::Error> {
        let mut term = RawTerm::default();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            match key.get_ref().as_str() {
                "id" => term.id = Some(map.next_value()?),
                "category" => term.category = Some(map.next_value()?),
                "note" => term.note = Some(map.next_value()?),
                "case" => term.case = Some(map.next_value()?),
                "inflect" => term.inflect = Some(map.next_value()?),
                "forms" => term.forms = map.next_value()?,
                "near-miss-words" => term.near_miss_words = Some(map.next_value()?),
                _ => {
                    let value = map.next_value::<Spanned<RenderingValue>>()?;
                    let span = value.span();
                    let rendering = match value.into_inner() {
                        RenderingValue::Text(s) => RawRendering::Shorthand(Spanned::new(span, s)),
                        RenderingValue::Table(t) => RawRendering::Table(t),
                    };
                    term.languages.push((key, rendering));
                }
            }
        }
        Ok(term)
    }
}

/// A rendering before its span is attached to the shorthand string.
enum RenderingValue {
    Text(String),
    Table(RawRenderingTable),
}

impl<'de> Deserialize<'de> for RenderingValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RenderingVisitor)
    }
}

struct RenderingVisitor;

impl<'de> Visitor<'de> for RenderingVisitor {
    type Value = RenderingValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a rendering: a string, or a table with `preferred`, `accepted`, `forbidden`, `short`, `forbidden-patterns`",
        )
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<RenderingValue, E> {
        Ok(RenderingValue::Text(s.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RenderingValue, A::Error> {
        let table = RawRenderingTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(RenderingValue::Table(table))
    }
}
