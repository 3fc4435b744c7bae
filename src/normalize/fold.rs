//! The fold tables: which characters termlint treats as the same letter.
//!
//! SPEC §2 folds typographic variants (dashes, apostrophes and quotes, spaces,
//! invisible characters) and letters that look alike across Latin, Cyrillic
//! and Greek, then lower-cases. Folding is applied identically to glossary
//! renderings and to documents, so the only requirement on a table entry is
//! that it is consistent; whether a folded difference is *reported* is the
//! `lookalike` rule's business, not this module's.
//!
//! Invariant: `fold_char` commutes with case. A capital and its small letter
//! always fold to the same output, otherwise `case = "ignore"` terms would
//! stop matching in capitals ("АСТАНА" and "Астана" must fold alike).

/// What one character of the source becomes in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Invisible: dropped from the folded text.
    Drop,
    /// Any white space; runs of it become one ASCII space.
    Space,
    /// One character (the common case).
    One(char),
    /// Lower-casing produced several characters (`İ` → `i̇`).
    Many([char; 3], u8),
}

/// The fold of one character, ignoring whitespace-run collapsing.
pub(crate) fn fold_char(c: char) -> Fold {
    if c.is_ascii() {
        return match c {
            _ if is_space_byte(c as u8) => Fold::Space,
            // The grave accent stands in for the Uzbek ʻ on many keyboards.
            '`' => Fold::One('\''),
            _ => Fold::One(c.to_ascii_lowercase()),
        };
    }
    // Cyrillic, Greek, Arabic, Devanagari…: one table lookup instead of the
    // invisible, space, typographic and look-alike tests and a case
    // conversion (together a third of checking non-Latin text).
    if let Some(&entry) = bmp_table().get(c as usize) {
        let fold = entry & FOLD;
        if let Some(folded) = char::from_u32(fold).filter(|_| fold != SLOW) {
            return Fold::One(folded);
        }
    }
    fold_char_slow(c)
}

/// Whether NFC leaves `c` alone wherever it stands: combining class 0 and
/// NFC quick check Yes (from the table in the Basic Multilingual Plane,
/// computed above it). Such a character starts a new NFC chunk: it can
/// never be the out-of-order one, it can only reset the order.
pub(crate) fn nfc_stable(c: char) -> bool {
    match bmp_table().get(c as usize) {
        Some(&e) => e & NFC_INERT != 0,
        None => {
            use unicode_normalization::char::canonical_combining_class;
            use unicode_normalization::{is_nfc_quick, IsNormalized};
            canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
        }
    }
}

/// The hot path's view of the table: for a character of the Basic
/// Multilingual Plane that NFC leaves alone and that folds to exactly one
/// character, that character and whether it is NFC-inert; `None` for
/// anything that needs [`fold_char`] (white space, invisibles, several
/// characters, above the BMP).
pub(crate) struct FastTable(&'static [u32]);

impl FastTable {
    pub(crate) fn get() -> Self {
        FastTable(bmp_table())
    }

    /// For the character `c` (a valid scalar value): whether it is
    /// NFC-inert, and its one-character fold if it has one and is inert.
    #[inline]
    pub(crate) fn look(&self, c: u32) -> (bool, Option<char>) {
        match self.0.get(c as usize) {
            Some(&e) => {
                let stable = e & NFC_INERT != 0;
                let fold = e & FOLD;
                let fold = (stable && fold != SLOW).then(|| char::from_u32(fold));
                (stable, fold.flatten())
            }
            None => (char::from_u32(c).is_some_and(nfc_stable), None),
        }
    }
}

/// Whether `c` is part of a word from the Unicode properties: a letter,
/// digit, combining mark or `_` (`matcher::boundary::is_word_char` looks the
/// common characters up in a table first).
pub(crate) fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// Whether `c` is part of a word (`matcher::boundary::is_word_char`), for
/// characters of the Basic Multilingual Plane; `None` above it.
pub(crate) fn is_word_char_bmp(c: char) -> Option<bool> {
    bmp_table().get(c as usize).map(|&e| e & WORD != 0)
}

/// [`is_word_char_bmp`] and [`is_word_char_slow`] with the table at hand,
/// by code point: for a loop over every character of a text, which would
/// otherwise ask for the table (an atomic load) and check the code point
/// (a `char`) once for each.
#[derive(Clone, Copy)]
pub(crate) struct WordChars(&'static [u32]);

impl WordChars {
    pub(crate) fn new() -> Self {
        WordChars(bmp_table())
    }

    /// Whether the character `code` is part of a word; `false` for a
    /// number that is no character.
    #[inline(always)]
    pub(crate) fn contains(self, code: u32) -> bool {
        match self.0.get(code as usize) {
            // A surrogate's entry has no `WORD` bit (`bmp_entry`).
            Some(&entry) => entry & WORD != 0,
            None => char::from_u32(code).is_some_and(is_word_char_slow),
        }
    }
}

/// The bits of a [`bmp_table`] entry that hold the fold.
const FOLD: u32 = 0x00FF_FFFF;
/// An entry of [`bmp_table`] whose fold is not one character.
const SLOW: u32 = 0x00FF_FFFF;
/// Flag bit of [`bmp_table`] entries: see [`nfc_stable`].
const NFC_INERT: u32 = 0x8000_0000;
/// Flag bit of [`bmp_table`] entries: see [`is_word_char_bmp`].
const WORD: u32 = 0x4000_0000;

/// For every character of the Basic Multilingual Plane: its fold when that
/// is one character (else `SLOW`), with the `NFC_INERT` and `WORD` bits. 256 KiB, built
/// on first use from the same functions it replaces, so the two can never
/// disagree. Built on every core: 50 million instructions on one, which
/// every run paid before reading its first file (checking the seeds took
/// 18.3 ms with it built on one core, 15.9 ms on two). Plain threads, not the rayon pool:
/// a worker blocked on this table while its builder waited for the pool
/// would never finish.
fn bmp_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let piece = 0x1_0000u32.div_ceil(threads as u32);
        let ranges: Vec<std::ops::Range<u32>> = (0..threads as u32)
            .map(|k| k * piece..((k + 1) * piece).min(0x1_0000))
            .collect();
        let fill = |range: std::ops::Range<u32>| range.map(bmp_entry).collect::<Vec<u32>>();
        let parts: Vec<Vec<u32>> = std::thread::scope(|scope| {
            let started: Vec<_> = ranges[1..]
                .iter()
                .map(|r| {
                    let run = r.clone();
                    let thread = std::thread::Builder::new().spawn_scoped(scope, move || fill(run));
                    (r.clone(), thread)
                })
                .collect();
            let mut parts = vec![fill(ranges[0].clone())];
            // A part whose thread could not start (or failed) is filled here.
            for (range, thread) in started {
                let part = thread.ok().and_then(|t| t.join().ok());
                parts.push(part.unwrap_or_else(|| fill(range)));
            }
            parts
        });
        parts.concat().into_boxed_slice()
    })
}

/// A [`bmp_table`] entry: `u`'s fold, `NFC_INERT` and `WORD` bits.
fn bmp_entry(u: u32) -> u32 {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    match char::from_u32(u) {
        None => SLOW,
        Some(c) => {
            let fold = match if c.is_ascii() {
                fold_char(c)
            } else {
                fold_char_slow(c)
            } {
                Fold::One(f) => u32::from(f),
                _ => SLOW,
            };
            let inert = canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
            let word = is_word_char_slow(c);
            fold | if inert { NFC_INERT } else { 0 } | if word { WORD } else { 0 }
        }
    }
}

/// [`fold_char`] computed from the rules, for what the table does not hold.
fn fold_char_slow(c: char) -> Fold {
    if is_invisible(c) || is_optional_mark(c) {
        return Fold::Drop;
    }
    if c.is_whitespace() {
        return Fold::Space;
    }
    if let Some(t) = typographic(c) {
        return Fold::One(t);
    }
    if let Some(l) = lookalike_latin(c) {
        return Fold::One(l);
    }
    let mut lower = c.to_lowercase();
    let first = lower.next().unwrap_or(c);
    match (lower.next(), lower.next()) {
        (None, _) => Fold::One(first),
        (Some(b), None) => Fold::Many([first, b, '\0'], 2),
        (Some(b), Some(d)) => Fold::Many([first, b, d], 3),
    }
}

/// ASCII white space as Unicode's White_Space property has it: unlike
/// `u8::is_ascii_whitespace`, this includes the vertical tab.
pub(crate) fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Characters that render as nothing: soft hyphen, zero-width characters,
/// word joiner, BOM inside text, bidirectional controls.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Marks that Arabic and Hebrew writing may leave out without misspelling
/// a word: Arabic short vowels, tanwin, shadda and sukun, the dagger alif
/// and Quranic marks, the tatweel that stretches a letter, and Hebrew
/// points and cantillation. "السودان" is how most text writes the
/// "السّودان" of CLDR's country names; hamza (U+0654, U+0655) is part of
/// the letter and stays.
pub(crate) fn is_optional_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'
            | '\u{05C1}'..='\u{05C2}'
            | '\u{05C4}'..='\u{05C5}'
            | '\u{05C7}'
            | '\u{0610}'..='\u{061A}'
            | '\u{0640}'
            | '\u{064B}'..='\u{0653}'
            | '\u{0656}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
    )
}

/// Dashes to `-`, apostrophes (including the Uzbek U+02BB and U+02BC) to `'`,
/// double quotes to `"`.
pub(crate) fn typographic(c: char) -> Option<char> {
    Some(match c {
        '\u{2010}'..='\u{2015}'
        | '\u{2043}'
        | '\u{2212}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}'
        | '\u{00B4}' | '\u{02B9}' | '\u{02BB}' | '\u{02BC}' | '\u{02BD}' | '\u{02BE}'
        | '\u{02BF}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => '"',
        _ => return None,
    })
}

/// Cyrillic and Greek letters that look like a Latin letter, in both cases,
/// to that (small) Latin letter. Where the capital and the small letter look
/// like different Latin letters (Greek Ν/ν), the capital decides: spoofed
/// names are mostly caught at their capital.
///
/// `LOOKALIKES` is checked against Unicode's confusables data (UTS #39) in the
/// tests below.
pub(crate) fn lookalike_latin(c: char) -> Option<char> {
    LOOKALIKES
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| LOOKALIKES[i].1)
}

/// Sorted by source character. Pairs of capital and small letter.
pub(crate) const LOOKALIKES: &[(char, char)] = &[
    ('Α', 'a'),
    ('Β', 'b'),
    ('Ε', 'e'),
    ('Ζ', 'z'),
    ('Η', 'h'),
    ('Ι', 'i'),
    ('Κ', 'k'),
    ('Μ', 'm'),
    ('Ν', 'n'),
    ('Ο', 'o'),
    ('Ρ', 'p'),
    ('Τ', 't'),
    ('Υ', 'y'),
    ('Χ', 'x'),
    ('α', 'a'),
    ('β', 'b'),
    ('ε', 'e'),
    ('ζ', 'z'),
    ('η', 'h'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('μ', 'm'),
    ('ν', 'n'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('τ', 't'),
    ('υ', 'y'),
    ('χ', 'x'),
    ('Ѕ', 's'),
    ('І', 'i'),
    ('Ј', 'j'),
    ('А', 'a'),
    ('В', 'b'),
    ('Е', 'e'),
    ('К', 'k'),
    ('М', 'm'),
    ('Н', 'h'),
    ('О', 'o'),
    ('Р', 'p'),
    ('С', 'c'),
    ('Т', 't'),
    ('У', 'y'),
    ('Х', 'x'),
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
    ('ѕ', 's'),
    ('і', 'i'),
    ('ј', 'j'),
    ('Ү', 'y'),
    ('ү', 'y'),
    ('Һ', 'h'),
    ('һ', 'h'),
    // Kazakh Cyrillic schwa for the Azerbaijani Latin schwa: the commonest
    // mixed-script slip in Azerbaijani text.
    ('Ә', 'ə'),
    ('ә', 'ə'),
    ('Ԛ', 'q'),
    ('ԛ', 'q'),
    ('Ԝ', 'w'),
    ('ԝ', 'w'),
];

#[cfg(test)]
mod tests {
    #[test]
    fn word_chars_by_code_point_agree_with_the_word_test() {
        let words = super::WordChars::new();
        for u in 0..=u32::from(char::MAX) + 1 {
            let expected = char::from_u32(u).is_some_and(|c| {
                super::is_word_char_bmp(c).unwrap_or_else(|| super::is_word_char_slow(c))
            });
            assert_eq!(words.contains(u), expected, "U+{u:04X}");
        }
    }

    #[test]
    fn the_table_folds_every_bmp_character_as_the_rules_do() {
        // Built in parts on several threads: every part in its place.
        let table = super::bmp_table();
        assert_eq!(table.len(), 0x1_0000);
        for (u, &entry) in (0..0x1_0000u32).zip(table) {
            assert_eq!(entry, super::bmp_entry(u), "U+{u:04X}");
        }
        for u in 0x80..0x1_0000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::fold_char(c), super::fold_char_slow(c), "U+{u:04X}");
                assert_eq!(
                    super::is_word_char_bmp(c),
                    Some(super::is_word_char_slow(c)),
                    "U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn skipping_inert_characters_never_hides_a_non_nfc_text() {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        let texts = [
            "Astana a\u{301}\u{316}",
            "e\u{316}\u{301}",
            "x\u{301}a\u{316}",
            "Оʻzbekiston Ѐ И\u{306}",
            "\u{fb01} \u{212b} \u{1100}\u{1161}",
            "क़ \u{915}\u{93c}",
        ];
        for t in texts {
            let filtered = is_nfc_quick(t.chars().filter(|&c| !super::nfc_stable(c)));
            let nfc = t.nfc().collect::<String>() == t;
            if filtered == IsNormalized::Yes {
                assert!(nfc, "{t:?} passed the filtered check but is not NFC");
            }
        }
    }

    use super::{fold_char, lookalike_latin, Fold, LOOKALIKES};

    fn skeleton(s: &str) -> String {
        unicode_security::confusable_detection::skeleton(s).collect()
    }

    #[test]
    fn lookalike_table_is_sorted_and_unique() {
        assert!(LOOKALIKES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// Every entry, in capital or small form, is a UTS #39 confusable of the
    /// Latin letter it folds to (in the same case).
    #[test]
    fn lookalike_table_agrees_with_uts39_confusables() {
        for &(from, to) in LOOKALIKES {
            let candidates = [
                (
                    from.to_uppercase().collect::<String>(),
                    to.to_uppercase().collect::<String>(),
                ),
                (from.to_lowercase().collect::<String>(), to.to_string()),
            ];
            assert!(
                candidates.iter().any(|(f, t)| skeleton(f) == skeleton(t)),
                "{from} (U+{:04X}) is not confusable with {to}",
                from as u32
            );
        }
    }

    #[test]
    fn optional_arabic_and_hebrew_marks_fold_away_and_hamza_stays() {
        use crate::normalize::fold_key;
        assert_eq!(fold_key("السّودان"), fold_key("السودان"));
        assert_eq!(fold_key("مُحَمَّد"), fold_key("محمد"));
        assert_eq!(fold_key("القاهـــرة"), fold_key("القاهرة"));
        assert_eq!(fold_key("שָׁלוֹם"), fold_key("שלום"));
        assert_ne!(fold_key("إيطاليا"), fold_key("ايطاليا"));
        assert_ne!(fold_key("الأردن"), fold_key("الاردن"));
    }

    #[test]
    fn fold_commutes_with_case_for_every_table_entry() {
        for &(from, _) in LOOKALIKES {
            for other in from.to_uppercase().chain(from.to_lowercase()) {
                assert_eq!(fold_char(other), fold_char(from), "{from} vs {other}");
            }
        }
    }

    #[test]
    fn uzbek_okina_and_modifier_apostrophe_fold_to_apostrophe() {
        assert_eq!(fold_char('\u{02BB}'), Fold::One('\''));
        assert_eq!(fold_char('\u{02BC}'), Fold::One('\''));
        assert_eq!(fold_char('’'), Fold::One('\''));
    }

    #[test]
    fn dashes_fold_to_hyphen_minus() {
        for c in ['‐', '‑', '–', '—', '−'] {
            assert_eq!(fold_char(c), Fold::One('-'));
        }
    }

    #[test]
    fn invisibles_drop_and_spaces_are_spaces() {
        assert_eq!(fold_char('\u{00AD}'), Fold::Drop);
        assert_eq!(fold_char('\u{200B}'), Fold::Drop);
        assert_eq!(fold_char('\u{00A0}'), Fold::Space);
        assert_eq!(fold_char('\u{202F}'), Fold::Space);
    }

    #[test]
    fn cyrillic_a_folds_to_latin_a() {
        assert_eq!(lookalike_latin('а'), Some('a'));
        assert_eq!(fold_char('Б'), Fold::One('б'));
    }

    #[test]
    fn dotted_capital_i_lowercases_to_two_chars() {
        assert_eq!(fold_char('İ'), Fold::Many(['i', '\u{307}', '\0'], 2));
    }
}
