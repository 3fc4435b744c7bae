//! How a matched text differs from the rendering it matched.
//!
//! The matcher found the text on the folded form, so the two are equal after
//! folding. This module says what folding hid: nothing, letter case only
//! (`case`), or characters (`lookalike`). Line breaks and runs of ASCII space
//! count as nothing, because names wrap across lines; characters in one of the
//! glossary's `equivalent` groups count as nothing too.

use unicode_normalization::UnicodeNormalization;

use crate::normalize::{is_invisible, is_optional_mark, is_space_byte, typographic};

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Difference {
    Same,
    CaseOnly,
    /// The text is not in NFC (decomposed accents).
    NotNfc,
    /// The first character that differs, in the text and in the rendering
    /// (`None` where one side has nothing: an invisible character).
    Characters(Option<char>, Option<char>),
}

pub(crate) fn difference(found: &str, rendering: &str, equivalent: &[Vec<char>]) -> Difference {
    // Most matches are written as the glossary writes them: lookalike and
    // case ask about each, and folding both sides was a twentieth of
    // checking a catalogue.
    if found == rendering {
        return Difference::Same;
    }
    let f = light_fold(found, equivalent);
    let r = light_fold(rendering, equivalent);
    if f == r {
        return Difference::Same;
    }
    let lower = |cs: &[char]| cs.iter().flat_map(|c| c.to_lowercase()).collect::<String>();
    if lower(&f) == lower(&r) {
        return Difference::CaseOnly;
    }
    if !found.chars().nfc().eq(found.chars()) {
        return Difference::NotNfc;
    }
    let same = |a: char, b: char| a.to_lowercase().eq(b.to_lowercase());
    let at = f.iter().zip(&r).position(|(&a, &b)| !same(a, b));
    let at = at.unwrap_or(f.len().min(r.len()));
    let found_char = f.get(at).copied();
    let expected = match found_char {
        Some(c) if is_invisible(c) => None,
        // Shown in the found character's case: "А" where the glossary has "A".
        Some(c) if c.is_uppercase() => r.get(at).map(|e| e.to_uppercase().next().unwrap_or(*e)),
        _ => r.get(at).copied(),
    };
    Difference::Characters(found_char, expected)
}

/// ASCII white-space runs to one space, equivalent characters to their
/// group's first, optional Arabic and Hebrew marks to nothing.
fn light_fold(s: &str, equivalent: &[Vec<char>]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        if is_optional_mark(c) {
            continue;
        }
        if c.is_ascii() && is_space_byte(c as u8) {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
            continue;
        }
        let c = equivalent
            .iter()
            .find(|g| g.contains(&c))
            .map_or(c, |g| g[0]);
        out.push(c);
    }
    out
}

/// A reader's description of a character: `Cyrillic "а" (U+0430)`,
/// `en dash "–" (U+2013)`, `soft hyphen (U+00AD)`.
pub(crate) fn describe(c: Option<char>) -> String {
    let Some(c) = c else {
        return "nothing".to_owned();
    };
    let what = NAMES
        .iter()
        .find(|(n, _)| *n == c)
        .map_or_else(|| script(c), |&(_, name)| name);
    if is_invisible(c) || c.is_whitespace() {
        format!("{what} (U+{:04X})", c as u32)
    } else {
        format!("{what} \"{c}\" (U+{:04X})", c as u32)
    }
}

/// Names for the characters folding hides most often.
const NAMES: &[(char, &str)] = &[
    ('-', "hyphen-minus"),
    ('\u{2010}', "hyphen"),
    ('\u{2011}', "non-breaking hyphen"),
    ('\u{2012}', "figure dash"),
    ('\u{2013}', "en dash"),
    ('\u{2014}', "em dash"),
    ('\u{2212}', "minus sign"),
    ('\'', "apostrophe"),
    ('`', "grave accent"),
    ('\u{2018}', "left single quotation mark"),
    ('\u{2019}', "right single quotation mark"),
    ('\u{02BB}', "modifier letter turned comma (Uzbek oʻ/gʻ)"),
    ('\u{02BC}', "modifier letter apostrophe"),
    ('"', "quotation mark"),
    (' ', "space"),
    ('\u{00A0}', "no-break space"),
    ('\u{202F}', "narrow no-break space"),
    ('\u{2009}', "thin space"),
    ('\u{00AD}', "soft hyphen"),
    ('\u{200B}', "zero-width space"),
    ('\u{200C}', "zero-width non-joiner"),
    ('\u{200D}', "zero-width joiner"),
    ('\u{2060}', "word joiner"),
    ('\u{FEFF}', "zero-width no-break space"),
];

fn script(c: char) -> &'static str {
    match c as u32 {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "Greek",
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "Cyrillic",
        0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F | 0x1E00..=0x1EFF => "Latin",
        _ if is_invisible(c) => "invisible character",
        _ if c.is_whitespace() => "space",
        _ if typographic(c).is_some() => "typographic character",
        _ => "character",
    }
}

#[cfg(test)]
mod tests {
    use super::{describe, difference, Difference};

    #[test]
    fn optional_arabic_marks_are_no_difference() {
        assert_eq!(difference("السودان", "السّودان", &[]), Difference::Same);
        assert_eq!(difference("القاهـرة", "القاهرة", &[]), Difference::Same);
    }

    #[test]
    fn identical_and_wrapped_are_the_same() {
        assert_eq!(difference("Astana", "Astana", &[]), Difference::Same);
        assert_eq!(
            difference(
                "Alat International\r\n Trade",
                "Alat International Trade",
                &[]
            ),
            Difference::Same
        );
    }

    #[test]
    fn case_only() {
        assert_eq!(difference("ASTANA", "Astana", &[]), Difference::CaseOnly);
    }

    #[test]
    fn cyrillic_letter_is_a_character_difference() {
        assert_eq!(
            difference("Astаna", "Astana", &[]),
            Difference::Characters(Some('а'), Some('a'))
        );
        assert_eq!(
            difference("ASTАNA", "Astana", &[]),
            Difference::Characters(Some('А'), Some('A'))
        );
        assert_eq!(describe(Some('а')), "Cyrillic \"а\" (U+0430)");
        assert_eq!(describe(Some('a')), "Latin \"a\" (U+0061)");
    }

    #[test]
    fn lost_okina_is_a_character_difference() {
        assert_eq!(
            difference("O'zbekiston", "Oʻzbekiston", &[]),
            Difference::Characters(Some('\''), Some('ʻ'))
        );
    }

    #[test]
    fn equivalent_characters_are_the_same() {
        let eq = vec![vec!['-', '‐']];
        assert_eq!(
            difference("Birlestik‐2024", "Birlestik-2024", &eq),
            Difference::Same
        );
        assert_ne!(
            difference("Birlestik‐2024", "Birlestik-2024", &[]),
            Difference::Same
        );
    }

    #[test]
    fn decomposed_accent_is_not_nfc() {
        assert_eq!(
            difference("Fu\u{308}zuli", "Füzuli", &[]),
            Difference::NotNfc
        );
    }

    #[test]
    fn invisible_and_special_space_descriptions() {
        assert_eq!(describe(Some('\u{AD}')), "soft hyphen (U+00AD)");
        assert_eq!(describe(Some('\u{A0}')), "no-break space (U+00A0)");
        assert_eq!(describe(Some('–')), "en dash \"–\" (U+2013)");
        assert_eq!(describe(None), "nothing");
    }
}
