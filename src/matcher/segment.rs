//! Words in scripts written without spaces: Han, Hiragana, Katakana, Thai,
//! Lao, Khmer and Myanmar (issue 21: "马来西亚" in "他访问了马来西亚。" was
//! never found, because the whole sentence was one "word").
//!
//! Both engines let a rendering start and end next to any character of these
//! scripts, as if each were a word of its own; a candidate that does is then
//! kept only where a dictionary word segmenter (ICU4X's, with CLDR's
//! dictionaries for Chinese and Japanese and LSTM models for Thai, Lao,
//! Khmer and Myanmar) puts word boundaries at both of its ends. So
//! "マレーシア" is found in "首相はマレーシアを訪問した", and a rendering is not
//! found inside a longer word that merely contains it, where the segmenter
//! says that word is one.
//!
//! The segmenter runs only around such candidates, over the run of text
//! without white space that holds them (at most [`CONTEXT`] bytes either
//! side), so text in other scripts never pays for it.

use std::ops::Range;
use std::sync::OnceLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

use unicode_normalization::char::is_combining_mark;

use crate::normalize::is_invisible;

/// Whether `c` belongs to a script written without spaces between words.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF | 0x19E0..=0x19FF // Khmer
        | 0x3005..=0x3007 | 0x3021..=0x3029 // 々 〆 〇, Hangzhou numerals
        | 0x3040..=0x30FF // Hiragana, Katakana (with ー)
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F // Myanmar extensions
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// Bytes of context the segmenter sees on each side of a candidate.
const CONTEXT: usize = 96;

/// Whether a candidate over `range` of `text` touches a script without
/// spaces: its first or last character, or the character on either side.
/// Invisible characters (soft hyphens, zero-width spaces) are looked
/// through, as matching folds them away, and so are combining marks, which
/// NFC may reorder (a Thai tone mark and an acute accent on one letter): the
/// letter they sit on decides, in the original and in the folded text alike.
pub(crate) fn touches_unspaced(text: &str, range: &Range<usize>) -> bool {
    let visible = |c: &char| !is_invisible(*c) && !is_combining_mark(*c);
    let before = text[..range.start].chars().rev().find(visible);
    let first = text[range.clone()].chars().find(visible);
    let last = text[range.clone()].chars().rev().find(visible);
    let after = text[range.end..].chars().find(visible);
    [before, first, last, after]
        .into_iter()
        .flatten()
        .any(is_unspaced)
}

/// Whether a candidate over `range` of `text` is a match as far as words
/// in scripts without spaces go: it touches none, or the segmenter agrees.
pub(crate) fn is_word_match(text: &str, range: &Range<usize>) -> bool {
    !touches_unspaced(text, range) || is_whole_words(text, range)
}

/// Whether the word segmenter puts word boundaries at both ends of `range`
/// in `text` (or within the invisible characters next to an end: the
/// segmenter attaches them to the character before).
pub(crate) fn is_whole_words(text: &str, range: &Range<usize>) -> bool {
    let window = window(text, range);
    let piece = &text[window.clone()];
    let (start, end) = (range.start - window.start, range.end - window.start);
    let invisible_len = |chars: &mut dyn Iterator<Item = char>| -> usize {
        chars
            .take_while(|&c| is_invisible(c))
            .map(char::len_utf8)
            .sum()
    };
    let start_lo = start - invisible_len(&mut piece[..start].chars().rev());
    let end_hi = end + invisible_len(&mut piece[end..].chars());
    let mut start_ok = start_lo == 0;
    let mut end_ok = end_hi == piece.len();
    for at in segmenter().segment_str(piece) {
        start_ok |= (start_lo..=start).contains(&at);
        end_ok |= (end..=end_hi).contains(&at);
        if at >= end_hi {
            break;
        }
    }
    start_ok && end_ok
}

/// The run of text without white space around `range`, at most [`CONTEXT`]
/// bytes more on each side, on character boundaries.
fn window(text: &str, range: &Range<usize>) -> Range<usize> {
    let mut start = range.start;
    for (i, c) in text[..range.start].char_indices().rev() {
        if c.is_whitespace() || range.start - i > CONTEXT {
            break;
        }
        start = i;
    }
    let mut end = range.end;
    for (i, c) in text[range.end..].char_indices() {
        if c.is_whitespace() || i > CONTEXT {
            break;
        }
        end = range.end + i + c.len_utf8();
    }
    start..end
}

fn segmenter() -> WordSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<WordSegmenterBorrowed<'static>> = OnceLock::new();
    *SEGMENTER.get_or_init(|| WordSegmenter::new_auto(WordBreakInvariantOptions::default()))
}

#[cfg(test)]
mod tests {
    use super::{is_unspaced, is_whole_words, touches_unspaced};

    fn whole(text: &str, name: &str) -> bool {
        let start = text.find(name).unwrap();
        is_whole_words(text, &(start..start + name.len()))
    }

    #[test]
    fn scripts_without_spaces() {
        for c in ['马', 'マ', 'ー', 'は', 'ก', 'ສ', 'ក', 'မ', 'ｱ'] {
            assert!(is_unspaced(c), "{c}");
        }
        for c in ['a', 'я', '파', '。', ' ', 'ا'] {
            assert!(!is_unspaced(c), "{c}");
        }
        assert!(touches_unspaced("了Sony", &(3..7)));
        assert!(!touches_unspaced("a Sony b", &(2..6)));
    }

    #[test]
    fn names_are_whole_words_in_running_text() {
        assert!(whole("他访问了马来西亚。", "马来西亚"));
        assert!(whole("首相はマレーシアを訪問した。", "マレーシア"));
        assert!(whole("นายกรัฐมนตรีเดินทางไปประเทศมาเลเซียเมื่อวานนี้", "มาเลเซีย"));
    }

    #[test]
    fn a_name_inside_a_longer_word_is_not_a_word() {
        // 東京都 (Tokyo Metropolis) holds 京都 (Kyoto) across a boundary.
        assert!(!whole("東京都に住んでいます", "京都"));
        assert!(!whole("他访问了马来西亚。", "来西"));
    }
}
