//! Glossary loading from arbitrary bytes: an error or a glossary, never a
//! panic; a glossary that loads also compiles into a matcher.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use termlint::glossary::Glossary;
use termlint::matcher::{FuzzyIndex, Matcher};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(glossary) = Glossary::from_str(text, Path::new("fuzz.toml")) {
        let _ = Matcher::new(&glossary);
        let _ = FuzzyIndex::build(&glossary, &glossary.default_language);
    }
});
