//! The whole check pipeline on arbitrary documents with the bundled
//! glossary: every finding's range lies on character boundaries and holds
//! the text it reports, the fixes apply without overlapping, and `--fix`
//! converges in one pass: the safely fixed text has nothing left to fix
//! safely (issue 21).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use termlint::check::{check_document, check_document_full};
use termlint::fix::{apply, plan, FixLevel};
use termlint::glossary::Glossary;
use termlint::lang::LangTag;
use termlint::matcher::Matcher;
use termlint::rules::RuleSet;
use termlint::scan::{self, Format, Loaded};

fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        Glossary::from_str(include_str!("../../glossary.toml"), Path::new("glossary.toml"))
            .expect("the bundled glossary loads")
    })
}

/// Built once: building per input would be most of each run's time.
fn matcher() -> &'static Matcher<'static> {
    static MATCHER: OnceLock<Matcher<'static>> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(glossary()))
}

const FORMATS: [Format; 5] = [
    Format::Plain,
    Format::Markdown,
    Format::Html,
    Format::Xliff,
    Format::Po,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let language = ["en", "ru", "kk", "uz", "tr"][usize::from(pick / 8) % 5];
    let Some(lang) = LangTag::parse(language) else {
        return;
    };
    let Ok(Loaded::Document(doc)) = scan::from_bytes_as(rest.to_vec(), "fuzz", lang, format) else {
        return;
    };
    let g = glossary();
    let matcher = matcher();
    let rules = RuleSet::new(g, None, &[]);
    let (findings, _, _) = check_document_full(g, matcher, &rules, &doc);
    for f in &findings {
        assert!(f.range.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(f.range.start) && doc.text.is_char_boundary(f.range.end));
        assert_eq!(f.found, doc.text[f.range.clone()]);
    }
    let edits = plan(&doc.text, &findings, FixLevel::Unsafe);
    let _ = apply(&doc.text, &edits);
    let safe = plan(&doc.text, &findings, FixLevel::Safe);
    if safe.is_empty() {
        return;
    }
    let fixed = apply(&doc.text, &safe);
    let Ok(Loaded::Document(again)) =
        scan::from_bytes_as(fixed.clone().into_bytes(), "fuzz", doc.language.clone(), format)
    else {
        return;
    };
    let left = check_document(g, matcher, &rules, &again);
    let more = plan(&again.text, &left, FixLevel::Safe);
    assert!(
        more.is_empty(),
        "a second --fix would make {} more edits to {fixed:?}",
        more.len()
    );
});
