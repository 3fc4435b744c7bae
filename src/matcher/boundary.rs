//! Whole-word boundaries on folded text (SPEC §2: "Alat" never matches inside
//! "Alatau").
//!
//! A word character is a letter, digit, combining mark or `_`. Hyphens and
//! apostrophes are not, so "Azerbaijan" is found in "Azerbaijan's" and in
//! "Azerbaijan-Kazakhstan"; renderings that contain them ("Birlestik-2024",
//! "Oʻzbekiston") still match as a whole because the automaton compares them
//! inside the rendering.

use super::segment::is_unspaced;

pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // The hot case, without the combining-mark table search.
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // Other scripts: one lookup in the normaliser's table (the Unicode
    // property searches were an eighth of checking Arabic or Hindi).
    crate::normalize::is_word_char_bmp(c).unwrap_or_else(|| crate::normalize::is_word_char_slow(c))
}

/// Whether `text` holds, at byte `at`, a whole word of `len` bytes: no word
/// character right before or right after it (scripts without spaces get no
/// special treatment here, unlike [`is_start`]).
pub(crate) fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
        && !text[at + len..].chars().next().is_some_and(is_word_char)
}

/// Whether a word may start at byte `at` of `text` (the scanner marks word
/// starts itself; this is the folded engine's). Next to a script without
/// spaces, any character may start one (`segment` decides later).
pub(crate) fn is_start(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    !before.is_some_and(is_word_char)
        || before.is_some_and(is_unspaced)
        || text[at..].chars().next().is_some_and(is_unspaced)
}

/// Whether a word may end at byte `at` of `text`.
pub(crate) fn is_end(text: &str, at: usize) -> bool {
    let after = text[at..].chars().next();
    !after.is_some_and(is_word_char)
        || after.is_some_and(is_unspaced)
        || text[..at].chars().next_back().is_some_and(is_unspaced)
}

/// Where a possible ending that starts at byte `at` stops: the rest of the
/// word, including one apostrophe followed by more letters ("'s", "'da").
pub(crate) fn ending_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let skip = usize::from(rest.starts_with('\''));
    let word: usize = rest[skip..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    if word == 0 {
        at
    } else {
        at + skip + word
    }
}

#[cfg(test)]
mod tests {
    use super::{is_end, is_start};

    #[test]
    fn boundaries() {
        let t = "alatau alat's x-alat é\u{301}";
        assert!(is_start(t, 0));
        assert!(!is_end(t, 4));
        assert!(is_start(t, 7) && is_end(t, 11));
        assert!(is_start(t, 16) && is_end(t, 20));
        assert!(!is_end(t, t.len() - 2));
    }
}
