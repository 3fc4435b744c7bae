//! Every unknown key of a glossary, in one run.
//!
//! serde stops at the first unknown key, so a glossary with three typos
//! took three runs to fix. When the typed parse fails, the text is read
//! again as plain TOML and every table's keys are compared with the
//! schema's: each unknown key is reported where it is written, with the
//! schema key it most likely mistypes. A valid glossary is parsed once; this
//! walk costs nothing then.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::lang::LangTag;

const TOP: &[&str] = &[
    "version",
    "defaults",
    "term",
    "rules",
    "near-miss",
    "ignore",
    "set",
    "files",
];
const DEFAULTS: &[&str] = &["language", "case", "equivalent"];
pub(super) const TERM: &[&str] = &[
    "id",
    "category",
    "note",
    "case",
    "inflect",
    "forms",
    "near-miss-words",
];
const RENDERING: &[&str] = &[
    "preferred",
    "accepted",
    "forbidden",
    "short",
    "forbidden-patterns",
];
const NEAR_MISS: &[&str] = &["ignore", "dictionaries", "evidence"];
const IGNORE: &[&str] = &["paths", "rules"];
const SET: &[&str] = &["name", "paths", "source", "source-document"];
const FILES: &[&str] = &["include", "exclude", "include-states", "encoding"];

/// Each unknown key in `text`, as (span of the key, message). Empty when
/// the text is not TOML (the parser's own error says where) or every key
/// is known.
pub(super) fn unknown(text: &str) -> Vec<(Range<usize>, String)> {
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let root = root.get_ref();
    check(root, TOP, "the glossary's top level", &mut found);
    for (key, value) in root.iter() {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("defaults", DeValue::Table(t)) => check(t, DEFAULTS, "[defaults]", &mut found),
            ("near-miss", DeValue::Table(t)) => check(t, NEAR_MISS, "[near-miss]", &mut found),
            ("files", DeValue::Table(t)) => check(t, FILES, "[files]", &mut found),
            ("ignore", DeValue::Array(a)) => {
                each_table(a.iter(), |t| check(t, IGNORE, "[[ignore]]", &mut found));
            }
            ("set", DeValue::Array(a)) => {
                each_table(a.iter(), |t| check(t, SET, "[[set]]", &mut found));
            }
            ("term", DeValue::Array(a)) => each_table(a.iter(), |t| term(t, &mut found)),
            _ => {}
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    found
}

fn each_table<'a, 'i: 'a>(
    values: impl Iterator<Item = &'a Spanned<DeValue<'i>>>,
    mut each: impl FnMut(&DeTable<'i>),
) {
    for v in values {
        if let DeValue::Table(t) = v.get_ref() {
            each(t);
        }
    }
}

/// A `[[term]]` table: schema keys, and language keys whose renderings are
/// a string or a table of rendering keys.
fn term(table: &DeTable<'_>, found: &mut Vec<(Range<usize>, String)>) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if TERM.contains(&name) {
            continue;
        }
        if let Some(message) = term_key(name) {
            found.push((key.span(), message));
        } else if let DeValue::Table(t) = value.get_ref() {
            check(t, RENDERING, &format!("the rendering `{name}`"), found);
        }
    }
}

/// What is wrong with `key` in a `[[term]]` table, where any language tag is
/// a key too: `None` for a schema key or a language tag in its shortest
/// form.
pub(super) fn term_key(key: &str) -> Option<String> {
    if TERM.contains(&key) {
        return None;
    }
    if LangTag::parse(key).is_some() {
        return overlong(key);
    }
    Some(match crate::closest::closest(key, TERM.iter().copied()) {
        Some(close) => format!("unknown key `{key}` in [[term]] (did you mean `{close}`?)"),
        None => format!(
            "`{key}` is not a language tag (BCP 47, such as `en`, `ru` or `uz-Latn`) nor a term key ({})",
            TERM.join(", ")
        ),
    })
}

/// `rus` for `ru`: a tag in a form that documents tagged the short way
/// never match. Indonesian keeps `ind` (or `id-ID`): `id` is the term's own
/// key.
fn overlong(key: &str) -> Option<String> {
    let (primary, rest) = key
        .split_once(['-', '_'])
        .map_or((key, None), |(p, r)| (p, Some(r)));
    if primary.len() != 3 || (primary.eq_ignore_ascii_case("ind") && rest.is_none()) {
        return None;
    }
    let short = crate::iso639::shorter(&primary.to_ascii_lowercase())?;
    let written = match rest {
        Some(rest) => format!("{short}-{rest}"),
        None => short.to_owned(),
    };
    Some(format!(
        "`{key}` is written `{written}` in BCP 47 (the shortest ISO 639 code); documents tagged `{written}` would never use these renderings"
    ))
}

fn check(
    table: &DeTable<'_>,
    known: &[&str],
    place: &str,
    found: &mut Vec<(Range<usize>, String)>,
) {
    for key in table.keys() {
        let name = key.get_ref().as_ref();
        if !known.contains(&name) {
            found.push((
                key.span(),
                format!(
                    "unknown key `{name}` in {place}{}; keys are: {}",
                    crate::closest::did_you_mean(name, known.iter().copied()),
                    known.join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unknown;

    #[test]
    fn every_unknown_key_is_found_with_its_likely_key() {
        let text = "version = 1\n[defaults]\nlangauge = \"en\"\n\n[[term]]\nid = \"astana\"\ncategroy = \"place\"\ninflected = false\nen = { prefered = \"Astana\", forbiden = [\"Nur-Sultan\"] }\nru = \"Астана\"\n";
        let found: Vec<String> = unknown(text).into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            found,
            [
                "unknown key `langauge` in [defaults] (did you mean `language`?); keys are: language, case, equivalent",
                "unknown key `categroy` in [[term]] (did you mean `category`?)",
                "unknown key `inflected` in [[term]] (did you mean `inflect`?)",
                "unknown key `prefered` in the rendering `en` (did you mean `preferred`?); keys are: preferred, accepted, forbidden, short, forbidden-patterns",
                "unknown key `forbiden` in the rendering `en` (did you mean `forbidden`?); keys are: preferred, accepted, forbidden, short, forbidden-patterns",
            ]
        );
        let spans: Vec<usize> = unknown(text).into_iter().map(|(s, _)| s.start).collect();
        assert_eq!(&text[spans[0]..spans[0] + 8], "langauge");
    }

    #[test]
    fn a_valid_glossary_has_no_unknown_key() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/glossary.toml")).unwrap();
        assert!(unknown(&text).is_empty(), "{:?}", unknown(&text));
    }
}
