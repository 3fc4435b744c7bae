//! No input makes termlint panic: arbitrary documents through the whole
//! check pipeline (with the bundled glossary, in several languages),
//! arbitrary bytes through the reader, and mangled glossaries through the
//! loader. Every finding must point at real text of the document.

use std::path::Path;

use proptest::prelude::{
    any, prop, prop_assert, prop_assert_eq, prop_oneof, proptest, Just, Strategy,
};
use termlint::check::Checker;
use termlint::glossary::Glossary;
use termlint::lang::LangTag;
use termlint::rules::RuleSet;
use termlint::scan::{from_bytes, from_bytes_as, Format, Loaded};

fn bundled() -> (String, Glossary) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.toml");
    let text = std::fs::read_to_string(&path).expect("bundled glossary");
    let glossary = Glossary::from_str(&text, &path).expect("bundled glossary is valid");
    (text, glossary)
}

/// Text that is mostly glossary names, near-names and the characters the
/// normaliser treats specially.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "Astana", "Astаna", "ASTANA", "Birlistik-2024", "Birlestik–2024", "Oʻzbekiston",
            "O'zbekiston", "Астана", "Нур-Султан", "Alat International\nTrade Port", "Kyrgyz Republic",
            "Kyrgyzstan", "heads of state of Central Asia", "Fu\u{308}zuli", "COP29", "Cop29",
        ]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![" ", "\n", "\r\n", ", ", "\u{A0}", "\u{AD}", "\u{200B}", "’s", "\u{FEFF}", "\u{301}"])
            .prop_map(str::to_owned),
        1 => any::<String>(),
        1 => Just(String::new()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(512))]

    #[test]
    fn any_document_checks_without_panicking(text in document(), lang in prop::sample::select(vec!["en", "ru", "uz", "kk", "de"])) {
        let (_, glossary) = bundled();
        let checker = Checker::with_rules(&glossary, RuleSet::new(&glossary, None, &[]));
        let Ok(Loaded::Document(doc)) = from_bytes(text.clone().into_bytes(), "doc.txt", LangTag::parse(lang).unwrap()) else {
            return Ok(());
        };
        for f in checker.check_document(&doc) {
            prop_assert!(doc.text.is_char_boundary(f.range.start) && doc.text.is_char_boundary(f.range.end));
            prop_assert!(f.range.start < f.range.end && f.range.end <= doc.text.len());
            prop_assert_eq!(&doc.text[f.range.clone()], f.found());
        }
    }

    #[test]
    fn any_text_parses_as_every_format_without_panicking(
        text in prop::collection::vec(prop::sample::select(vec![
            "<", ">", "</", "/>", "<source>", "</source>", "<target xml:lang=\"ru\">", "</target>", "<xliff srcLang=\"en\">",
            "<![CDATA[", "]]>", "&amp;", "&", ";", "<!--", "-->", "Astana", " ", "\n", "`", "```", "# ", "[", "](", ")", "---\n",
            "<ph/>", "<alt-trans>", "*", "\u{FEFF}", "Нур-Султан",
        ]), 0..40).prop_map(|v| v.concat()),
    ) {
        let (_, glossary) = bundled();
        let checker = Checker::with_rules(&glossary, RuleSet::new(&glossary, None, &[]));
        for format in [Format::Plain, Format::Markdown, Format::Xliff] {
            let en = LangTag::parse("en").unwrap();
            if let Ok(Loaded::Document(doc)) = from_bytes_as(text.clone().into_bytes(), "doc", en, format) {
                for seg in &doc.segments {
                    prop_assert!(doc.text.is_char_boundary(seg.range.start) && doc.text.is_char_boundary(seg.range.end));
                }
                for f in checker.check_document(&doc) {
                    prop_assert_eq!(&doc.text[f.range.clone()], f.found());
                }
            }
        }
    }

    #[test]
    fn suggest_reads_any_document_without_panicking(text in document()) {
        let en = LangTag::parse("en").unwrap();
        let half = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let source = termlint::suggest::Source {
            path: "doc.txt",
            text: &text,
            language: &en,
            segments: std::iter::once(0..text.len()).collect(),
            covered: Vec::new(),
            // Half the text as a near-miss: its line must stay a comment.
            near: vec![termlint::suggest::Near {
                range: 0..half,
                term: "t".to_owned(),
                expected: "Name".to_owned(),
            }],
            words: None,
        };
        let toml = termlint::suggest::suggest(&[source], termlint::suggest::Options::default());
        prop_assert!(Glossary::from_str(&toml, Path::new("proposed.toml")).is_ok(), "{}", toml);
    }

    #[test]
    fn any_bytes_read_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = from_bytes(bytes.clone(), "x.txt", LangTag::parse("en").unwrap());
        let _ = from_bytes_as(bytes, "x.docx", LangTag::parse("en").unwrap(), Format::Docx);
    }

    #[test]
    fn mangled_glossaries_load_or_fail_cleanly(
        cut in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in prop::sample::select(vec!["", "\"", "[[term]]\n", "= ", "\u{200B}", "]", "{", "en = \"\"\n", "id = \"astana\"\n"]),
    ) {
        let (text, _) = bundled();
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let start = *cut.get(&bounds);
        let end = bounds.iter().copied().find(|&b| b >= start + len).unwrap_or(text.len());
        let mangled = format!("{}{insert}{}", &text[..start], &text[end..]);
        let _ = Glossary::from_str(&mangled, Path::new("glossary.toml"));
    }

    #[test]
    fn arbitrary_glossary_text_fails_cleanly(text in any::<String>()) {
        let _ = Glossary::from_str(&text, Path::new("glossary.toml"));
    }
}

/// A name and its misspelling: one letter inside it (never the first, nor
/// the last two) replaced by a `q`, which no ending or transliteration
/// explains.
fn misspelt_names() -> impl Strategy<Value = Vec<(String, String)>> {
    // Syllables, as names have: a run of one letter is no name (its
    // skeleton is one letter long).
    let name = "[BDFGKLMNPRSTV][aeiou]([bdfgklmnprstv][aeiou]){2,3}";
    prop::collection::vec((name, 0usize..8), 1..5).prop_map(|v| {
        v.into_iter()
            .map(|(name, i)| {
                let mut chars: Vec<char> = name.chars().collect();
                let at = 1 + i % (chars.len() - 3);
                chars[at] = if chars[at] == 'q' { 'x' } else { 'q' };
                (name, chars.into_iter().collect())
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(128))]

    /// In a catalogue, a near-miss in a unit's target is never a spelling
    /// the unit's source writes too (a name kept as it is), and a
    /// misspelling written only in the target is always reported.
    #[test]
    fn a_near_miss_in_a_target_is_never_copied_from_its_source(
        names in misspelt_names(),
        copied in prop::collection::vec(any::<bool>(), 5),
    ) {
        let mut toml = String::from("version = 1\n");
        for (k, (name, _)) in names.iter().enumerate() {
            toml.push_str(&format!("[[term]]\nid = \"t{k}\"\nen = \"{name}\"\nca = \"{name}\"\n"));
        }
        let Ok(glossary) = Glossary::from_str(&toml, Path::new("g.toml")) else {
            return Ok(());
        };
        let mut po = String::from("msgid \"\"\nmsgstr \"\"\n\"Language: ca\\n\"\n");
        let mut only_in_target = Vec::new();
        for (k, (_, wrong)) in names.iter().enumerate() {
            if copied[k] {
                po.push_str(&format!("\nmsgid \"{wrong}\"\nmsgstr \"{wrong}\"\n"));
            } else {
                po.push_str(&format!("\nmsgid \"Flights to the port\"\nmsgstr \"Vols a {wrong}\"\n"));
                only_in_target.push(wrong.clone());
            }
        }
        let ca = LangTag::parse("ca").unwrap();
        let Ok(Loaded::Document(doc)) = from_bytes_as(po.into_bytes(), "ui.ca.po", ca, Format::Po) else {
            return Err(proptest::test_runner::TestCaseError::fail("the catalogue reads"));
        };
        let checker = Checker::with_rules(&glossary, RuleSet::new(&glossary, None, &[]));
        let near: Vec<_> = checker
            .check_document(&doc)
            .into_iter()
            .filter(|f| f.rule == termlint::rules::Rule::NearMiss)
            .collect();
        for f in &near {
            let target = doc.segments.iter().find(|s| {
                matches!(s.unit, Some((_, true))) && s.range.contains(&f.range.start)
            });
            if let Some((unit, _)) = target.and_then(|t| t.unit) {
                let source_writes_it = doc
                    .segments
                    .iter()
                    .filter(|s| s.unit == Some((unit, false)))
                    .any(|s| doc.text[s.range.clone()].split(|c: char| !c.is_alphanumeric()).any(|w| w == f.found()));
                prop_assert!(!source_writes_it, "{} copied from its source: {:?}", f.found(), near);
            }
        }
        for wrong in &only_in_target {
            prop_assert!(near.iter().any(|f| f.found() == wrong), "{} not reported: {:?}", wrong, near);
        }
    }
}
