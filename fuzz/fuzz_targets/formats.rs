//! Every document format's parser on arbitrary bytes: an error naming a
//! position inside the text, or segments that lie inside the text on
//! character boundaries, in order. DOCX gets the raw bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::lang::LangTag;
use termlint::scan::{self, Format, Loaded};

const FORMATS: [Format; 6] = [
    Format::Plain,
    Format::Markdown,
    Format::Html,
    Format::Xliff,
    Format::Po,
    Format::Docx,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let Some(en) = LangTag::parse("en") else {
        return;
    };
    match scan::from_bytes_as(rest.to_vec(), "fuzz", en, format) {
        Ok(Loaded::Document(doc)) => {
            let mut previous = 0;
            for s in &doc.segments {
                assert!(s.range.start <= s.range.end && s.range.end <= doc.text.len());
                assert!(doc.text.is_char_boundary(s.range.start));
                assert!(doc.text.is_char_boundary(s.range.end));
                assert!(s.range.start >= previous || format == Format::Po, "segments out of order");
                previous = s.range.start;
            }
            for d in &doc.directives {
                assert!(d.silences.end <= doc.text.len());
            }
        }
        Ok(Loaded::Binary) | Err(_) => {}
    }
});
