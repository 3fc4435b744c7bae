//! Fixing, as a property over generated glossaries and documents: the result
//! is exactly the document with every forbidden name replaced by its
//! preferred one (so no other byte changed, and BOM and CRLF survive), a
//! second pass changes nothing, and no safely fixable finding remains.

use std::path::Path;

use proptest::prelude::{
    prop, prop_assert, prop_assert_eq, prop_assume, prop_oneof, proptest, Strategy,
};
use termlint::check::{check_document, fix_until_done};
use termlint::diagnostic::Applicability;
use termlint::fix::FixLevel;
use termlint::glossary::Glossary;
use termlint::lang::LangTag;
use termlint::matcher::Matcher;
use termlint::rules::RuleSet;
use termlint::scan::{from_bytes, Loaded};

/// A piece of a generated document.
#[derive(Debug, Clone)]
enum Piece {
    Preferred(usize),
    Forbidden(usize),
    Text(&'static str),
}

fn names() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("[A-Z][a-z]{4,8}", 0usize..4), 1..5).prop_map(|v| {
        v.into_iter()
            .map(|(name, i)| {
                // The forbidden variant swaps one letter for a `q`.
                let mut chars: Vec<char> = name.chars().collect();
                let at = 1 + i % (chars.len() - 1);
                chars[at] = if chars[at] == 'q' { 'x' } else { 'q' };
                (name, chars.into_iter().collect())
            })
            .collect()
    })
}

fn pieces(terms: usize) -> impl Strategy<Value = Vec<Piece>> {
    let piece = prop_oneof![
        (0..terms).prop_map(Piece::Preferred),
        (0..terms).prop_map(Piece::Forbidden),
        prop::sample::select(vec![
            " ",
            " ",
            "\r\n",
            "\n",
            ", ",
            "’s ",
            " the port ",
            " and ",
            ".\r\n\r\n"
        ])
        .prop_map(Piece::Text),
    ];
    prop::collection::vec(piece, 0..30)
}

fn render(pieces: &[Piece], names: &[(String, String)], fixed: bool) -> String {
    let mut out = String::new();
    let mut after_name = false;
    for p in pieces {
        let (text, is_name) = match p {
            Piece::Preferred(i) => (names[*i].0.as_str(), true),
            Piece::Forbidden(i) if fixed => (names[*i].0.as_str(), true),
            Piece::Forbidden(i) => (names[*i].1.as_str(), true),
            Piece::Text(t) => (*t, false),
        };
        // Two names glued together would be one word, not two matches.
        if is_name && after_name {
            out.push(' ');
        }
        out.push_str(text);
        after_name = is_name;
    }
    out
}

proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(300))]

    #[test]
    fn fixing_replaces_exactly_the_forbidden_renderings(
        (names, pieces, bom) in names().prop_flat_map(|n| { let len = n.len(); (prop::strategy::Just(n), pieces(len), prop::bool::ANY) })
    ) {
        let toml: String = names
            .iter()
            .enumerate()
            .map(|(i, (p, f))| format!("[[term]]\nid = \"t{i}\"\nen = {{ preferred = \"{p}\", forbidden = [\"{f}\"] }}\n"))
            .collect();
        let glossary = Glossary::from_str(&toml, Path::new("g.toml"));
        prop_assume!(glossary.is_ok(), "names collide");
        let glossary = glossary.unwrap();
        let bom = if bom { "\u{FEFF}" } else { "" };
        let original = format!("{bom}{}", render(&pieces, &names, false));
        let expected = format!("{bom}{}", render(&pieces, &names, true));

        let matcher = Matcher::new(&glossary);
        let rules = RuleSet::new(&glossary, None, &[]);
        let en = LangTag::parse("en").unwrap();
        let Ok(Loaded::Document(doc)) = from_bytes(original.clone().into_bytes(), "d.txt", en) else {
            panic!("generated text is UTF-8");
        };
        let findings = check_document(&glossary, &matcher, &rules, &doc);
        let (fixed, remaining, _) = fix_until_done(&glossary, &matcher, &rules, doc, findings, FixLevel::Safe);
        prop_assert_eq!(&fixed.text, &expected);
        prop_assert!(remaining.iter().all(|f| f.fix.as_ref().is_none_or(|x| x.applicability != Applicability::Safe)));
        let (again, _, count) = fix_until_done(&glossary, &matcher, &rules, fixed.clone(), remaining, FixLevel::Safe);
        prop_assert_eq!(count, 0);
        prop_assert_eq!(again.text, fixed.text);
    }
}
