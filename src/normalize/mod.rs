//! Normalisation: the folded text that matching runs on, and the way back to
//! the original bytes.
//!
//! In: a segment of original text. Out: [`Normalized`], whose `text` is NFC,
//! folded (SPEC §2: dashes, apostrophes, spaces, invisibles, cross-script
//! look-alikes) and lower-cased, and which maps any range of that text back to
//! the original.
//!
//! The original is cut into *units*: one character, one run of white space
//! (folded to a single space), or one NFC chunk that normalisation changes.
//! A unit is atomic: a folded range maps to the whole original units that
//! produced it, so every mapped range lies on char boundaries and covers the
//! text that produced the match (the property test in `offsets.rs`).

mod entity;
mod escape;
mod fold;
mod offsets;

use unicode_normalization::UnicodeNormalization;

pub use entity::decode_all as decode_entities;
pub(crate) use entity::{markup_len, tag_len, tag_name};
pub(crate) use escape::{c_escape, join_len};
pub use escape::{decode_c, escape_c};
use fold::FastTable;
pub(crate) use fold::{
    fold_char, is_invisible, is_optional_mark, is_space_byte, is_word_char_bmp, is_word_char_slow,
    nfc_stable, typographic, Fold, WordChars,
};
pub use offsets::OffsetMap;

/// A folded copy of some original text, with the map back to it.
pub struct Normalized<'a> {
    /// The folded text matching runs on.
    pub text: String,
    map: OffsetMap<'a>,
}

impl<'a> Normalized<'a> {
    /// The original byte range that produced the folded range `folded`.
    pub fn original_range(&self, folded: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.map.original_range(folded)
    }

    /// The original text this was folded from.
    pub fn original(&self) -> &'a str {
        self.map.source()
    }
}

/// How a format writes characters other than as themselves: what the
/// normaliser reads as one unit that stands for a character, or for
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Syntax {
    /// Every character stands for itself.
    #[default]
    Plain,
    /// Character references (`&nbsp;`, `&#x259;`), inline tags and
    /// Markdown emphasis inside a word (HTML, Markdown, XLIFF, TMX).
    Markup,
    /// A C string's escapes (`\n`, `\"`) and the joins between the quoted
    /// lines of one string (gettext PO).
    CString,
}

impl Syntax {
    /// Whether ASCII byte `b` may start a unit of this syntax: the fast
    /// paths leave it to [`Folder::fold_unit`].
    #[inline]
    pub(crate) fn special(self, b: u8) -> bool {
        match self {
            Syntax::Plain => false,
            Syntax::Markup => matches!(b, b'&' | b'<' | b'*' | b'_' | b'~'),
            Syntax::CString => matches!(b, b'\\' | b'"'),
        }
    }

    /// The ASCII bytes [`Syntax::special`] holds for.
    pub(crate) fn special_bytes(self) -> &'static [u8] {
        match self {
            Syntax::Plain => &[],
            Syntax::Markup => b"&<*_~",
            Syntax::CString => b"\\\"",
        }
    }

    /// `s` as a reader sees it: references and escapes decoded, tags and
    /// joins removed.
    pub fn decode(self, s: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Syntax::Plain => std::borrow::Cow::Borrowed(s),
            Syntax::Markup => entity::decode_all(s),
            Syntax::CString => escape::decode_c(s),
        }
    }
}

/// A table of `bytes` for searching text byte by byte: characters that
/// open something (a tag, an escape, a placeholder) are ASCII, and a
/// search for a set of chars decodes every character it passes.
pub(crate) fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    for &b in bytes {
        set[usize::from(b)] = true;
    }
    set
}

/// Folds `src` for matching.
pub fn normalize(src: &str) -> Normalized<'_> {
    normalize_with(src, Syntax::Plain)
}

/// Folds markup text (HTML): character references (`&nbsp;`, `&#x259;`)
/// fold as the characters they stand for, each as one unit.
pub fn normalize_markup(src: &str) -> Normalized<'_> {
    normalize_with(src, Syntax::Markup)
}

/// Folds `src`, written in `syntax`.
pub fn normalize_with(src: &str, syntax: Syntax) -> Normalized<'_> {
    let bytes = src.as_bytes();
    let table = FastTable::get();
    let mut folder = Folder::new(src, 0, syntax);
    let mut text = String::with_capacity(src.len());
    let mut map = OffsetMap::new(src, syntax);
    while folder.pos < src.len() {
        if folder.at_chunk_boundary() {
            map.checkpoint(text.len(), folder.pos);
        }
        // The hot paths, which cut exactly the units `fold_unit` cuts (the
        // `fast_paths_fold_like_the_reference` property test): a run of
        // ASCII that folds by lower-casing alone, then a run of characters
        // NFC leaves alone with a one-character fold. Both stop after about
        // a checkpoint's worth of text so checkpoints stay close together.
        let run = plain_ascii_run(bytes, folder.pos, syntax);
        if run > 0 {
            let start = text.len();
            text.push_str(&src[folder.pos..folder.pos + run]);
            text[start..].make_ascii_lowercase();
            folder.pos += run;
            continue;
        }
        let end = simple_run(&table, bytes, folder.pos, syntax, &mut text);
        if end > folder.pos {
            folder.pos = end;
            continue;
        }
        folder.fold_unit(&mut text);
    }
    Normalized { text, map }
}

/// The character at byte `i` of valid UTF-8, as a scalar value, and its length.
#[inline]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b = bytes[i];
    let cont = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    match b {
        0..=0x7F => (u32::from(b), 1),
        0x80..=0xDF => ((u32::from(b & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            (u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    }
}

/// Folds, from byte `at`, the run of units that are one character each
/// with a one-character fold and that NFC leaves alone (the character
/// after each is NFC-inert too): most non-Latin text. An ASCII white-space
/// byte is such a unit before a character that is neither white space nor
/// invisible. Returns where the run ends; `at` if it is empty.
fn simple_run(
    table: &FastTable,
    bytes: &[u8],
    at: usize,
    syntax: Syntax,
    out: &mut String,
) -> usize {
    let limit = out.len() + offsets::CHECKPOINT_EVERY;
    // The character at `i`: its scalar value, length and fold (a space for
    // white space), each character decoded once.
    let (mut c, mut len, mut fold) = match bytes.get(at) {
        Some(&b) if b < 0x80 && is_space_byte(b) => (u32::from(b), 1, ' '),
        Some(&b) if b >= 0x80 => {
            let (c, len) = decode(bytes, at);
            match table.look(c) {
                (_, Some(fold)) => (c, len, fold),
                _ => return at,
            }
        }
        _ => return at,
    };
    let mut i = at;
    loop {
        let next = i + len;
        let space = c < 0x80;
        // What comes next must start a new NFC chunk, and end a space's run.
        let ahead = match bytes.get(next) {
            None => None,
            Some(&b) if b < 0x80 => {
                if space && (is_space_byte(b) || (syntax == Syntax::CString && syntax.special(b))) {
                    // A run of white space (in a C string, perhaps with
                    // escapes and joins): one unit, `fold_unit`'s.
                    break;
                }
                None
            }
            Some(_) => {
                let (n, n_len) = decode(bytes, next);
                match table.look(n) {
                    (false, _) => break,
                    // Perhaps white space or an invisible: the run goes on.
                    (true, None) if space => break,
                    (true, f) => f.map(|f| (n, n_len, f)),
                }
            }
        };
        out.push(fold);
        i = next;
        match ahead {
            Some(x) if out.len() < limit => (c, len, fold) = x,
            _ => break,
        }
    }
    i
}

/// The fold one unit at a time, without the hot paths: what they must equal.
#[cfg(test)]
pub(crate) fn normalize_reference(src: &str, syntax: Syntax) -> String {
    let mut folder = Folder::new(src, 0, syntax);
    let mut text = String::new();
    while folder.pos < src.len() {
        folder.fold_unit(&mut text);
    }
    text
}

/// The folded form of a glossary rendering: exactly what the same words fold
/// to inside a document, without surrounding space.
/// A regular expression's text folded the way documents are, so that it can
/// be matched on folded text: every character outside ASCII is folded
/// (look-alike letters, dashes, apostrophes, spaces), ASCII is left as
/// written (it holds the syntax: `\D` must not become `\d`); letter case is
/// the matcher's `case_insensitive`.
pub fn fold_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match fold::fold_char(c) {
            fold::Fold::Drop => {}
            fold::Fold::Space => out.push(' '),
            fold::Fold::One(f) => out.push(f),
            fold::Fold::Many(chars, n) => out.extend(&chars[..usize::from(n)]),
        }
    }
    out
}

/// Whether `c`, outside ASCII, is in folded text what it is in the
/// original as far as words go: it folds to itself and stands alone in NFC
/// (most letters of caseless scripts: Bengali, Arabic, Han), or folds to
/// space or punctuation (curly quotes, dashes). Not so a letter that folds
/// to another (a Cyrillic "а" to Latin "a", a capital to its small letter),
/// a combining mark NFC joins to its base, or an invisible character that
/// folds away ("n\u{200B}ur" folds to "nur"). Text made of such characters
/// and ASCII holds a run of letters in folded text only where it holds it in
/// the original (ASCII up to case).
pub fn folds_plainly(c: char) -> bool {
    if !fold::nfc_stable(c) {
        return false;
    }
    match fold::fold_char(c) {
        fold::Fold::Drop => false,
        fold::Fold::Space => true,
        fold::Fold::One(f) => f == c || !f.is_alphanumeric(),
        fold::Fold::Many(chars, n) => chars[..usize::from(n)].iter().all(|f| !f.is_alphanumeric()),
    }
}

pub fn fold_key(rendering: &str) -> String {
    normalize(rendering).text.trim_matches(' ').to_owned()
}

/// Length of the run at `at` of ASCII characters that fold by lower-casing
/// alone and are each one unit: no white-space run, no grave accent, and no
/// character that the next one (a combining mark) joins in an NFC chunk.
/// Capped so checkpoints stay close together.
pub(super) fn plain_ascii_run(bytes: &[u8], at: usize, syntax: Syntax) -> usize {
    let end = bytes.len().min(at + offsets::CHECKPOINT_EVERY);
    let mut i = at;
    // Eight bytes at a time while all of them are plain, then byte by byte.
    while i + 9 <= end && plain_word(bytes, i, syntax) {
        i += 8;
    }
    while i < end {
        let b = bytes[i];
        let plain = match b {
            // A C string's escape or join after a space may continue its
            // run of white space.
            b' ' => bytes.get(i + 1).is_some_and(|&n| {
                n.is_ascii()
                    && !is_space_byte(n)
                    && !(syntax == Syntax::CString && syntax.special(n))
            }),
            b'`' => false,
            _ => b.is_ascii() && !is_space_byte(b) && !syntax.special(b),
        };
        if !plain {
            break;
        }
        i += 1;
    }
    if i > at && bytes.get(i).is_some_and(|&b| !b.is_ascii()) {
        let (c, _) = decode(bytes, i);
        if !char::from_u32(c).is_some_and(fold::nfc_stable) {
            // The last character and the mark after it are one NFC chunk.
            i -= 1;
        }
    }
    i - at
}

/// Whether the eight bytes at `i` are all plain in [`plain_ascii_run`]'s
/// sense (the byte after them is looked at too). May say no when they are;
/// never yes when they are not.
#[inline]
fn plain_word(bytes: &[u8], i: usize, syntax: Syntax) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |at: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let (w, next) = (word(i), word(i + 1));
    if (w | next) & HIGH != 0 {
        return false;
    }
    // For ASCII bytes: the high bit of each byte less than `n`, and
    // possibly of bytes above one that is (a borrow), which only makes the
    // answer more cautious.
    let less = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let equal = |x: u64, n: u64| less(x ^ (ONES * n), 1);
    // A control character or white space other than ' ', or ' ' before
    // anything that is not a plain character, or the grave accent.
    let mut bad = less(w, 0x20) | (less(w, 0x21) & less(next, 0x21)) | equal(w, u64::from(b'`'));
    for &b in syntax.special_bytes() {
        bad |= equal(w, u64::from(b));
        if syntax == Syntax::CString {
            bad |= equal(w, u64::from(b' ')) & equal(next, u64::from(b));
        }
    }
    bad == 0
}

/// Walks the original one unit at a time. Shared by [`normalize`] and by the
/// offset map, which re-folds from a checkpoint; both must cut identical units.
pub(crate) struct Folder<'a> {
    src: &'a str,
    pub(crate) pos: usize,
    /// What, besides characters, is a unit.
    syntax: Syntax,
    /// Up to here, chunks are known to be unchanged by NFC.
    verified_until: usize,
}

impl<'a> Folder<'a> {
    pub(crate) fn new(src: &'a str, pos: usize, syntax: Syntax) -> Self {
        Folder {
            src,
            pos,
            syntax,
            verified_until: pos,
        }
    }

    /// A walker at `pos` that knows the chunks up to `verified_until` are
    /// unchanged by NFC, as another walker over the same text found.
    pub(crate) fn resume(src: &'a str, pos: usize, syntax: Syntax, verified_until: usize) -> Self {
        Folder {
            src,
            pos,
            syntax,
            verified_until,
        }
    }

    /// Up to here, chunks are known to be unchanged by NFC.
    pub(crate) fn verified_until(&self) -> usize {
        self.verified_until
    }

    /// Whether a re-fold may start here and cut the same units.
    pub(crate) fn at_chunk_boundary(&self) -> bool {
        self.pos >= self.verified_until
    }

    /// Folds the unit at `pos` onto `out` and moves past it.
    // Kept whole: the per-character folding table in one match, on the hot path of every document.
    pub(crate) fn fold_unit(&mut self, out: &mut String) {
        let rest = &self.src[self.pos..];
        let Some(c) = rest.chars().next() else {
            return;
        };
        if self.pos >= self.verified_until {
            let end = self.pos + chunk_len(rest);
            let chunk = &self.src[self.pos..end];
            // One NFC-inert character is its own normal form.
            let single = chunk.len() == c.len_utf8() && fold::nfc_stable(c);
            if single || chunk.chars().nfc().eq(chunk.chars()) {
                self.verified_until = end;
            } else {
                for n in chunk.chars().nfc() {
                    push_fold(out, fold_char(n));
                }
                self.pos = end;
                return;
            }
        }
        if self.syntax == Syntax::CString {
            if c == '\\' {
                if let Some((len, decoded)) = escape::c_escape(rest) {
                    self.pos += len;
                    let fold = fold_char(decoded);
                    if fold == Fold::Space {
                        self.skip_space_run();
                    }
                    push_fold(out, fold);
                    return;
                }
            }
            if c == '"' {
                if let Some(len) = escape::join_len(rest) {
                    // Where gettext wrapped the line: nothing.
                    self.pos += len;
                    return;
                }
            }
        }
        let markup = self.syntax == Syntax::Markup;
        if markup && c == '&' {
            if let Some((len, decoded)) = entity::decode(rest) {
                self.pos += len;
                push_fold(out, fold_char(decoded));
                return;
            }
        }
        if markup && matches!(c, '*' | '_' | '~') {
            // Emphasis delimiters inside a word ("**Nur**-Sultan") are
            // nothing; next to a space they end the word (so `_` there is
            // no word character: "_Nur_-Sultan").
            match entity::emphasis_end(self.src, self.pos) {
                Some(end) => self.pos = end,
                None => {
                    self.pos += 1;
                    push_fold(out, Fold::Space);
                }
            }
            return;
        }
        if markup && c == '<' {
            if let Some((len, separates)) = entity::markup_len(rest) {
                // An inline tag: nothing a reader sees, or a placeholder
                // that stands between words.
                self.pos += len;
                if separates {
                    push_fold(out, Fold::Space);
                }
                return;
            }
        }
        let fold = fold_char(c);
        self.pos += c.len_utf8();
        if fold == Fold::Space {
            self.skip_space_run();
        }
        push_fold(out, fold);
    }

    /// Runs of white space (with any invisibles inside) are one unit.
    fn skip_space_run(&mut self) {
        self.pos = space_run_end(self.src, self.pos, self.syntax);
    }
}

/// Where the run of white space and invisibles from byte `at` of `src`
/// ends; in a C string, white-space escapes (`\n`, `\t`) and joins
/// belong to the run.
#[inline]
pub(crate) fn space_run_end(src: &str, mut at: usize, syntax: Syntax) -> usize {
    let bytes = src.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if is_space_byte(b) {
                at += 1;
                continue;
            }
            if syntax == Syntax::CString {
                let rest = &src[at..];
                let len = match b {
                    b'\\' => escape::c_escape(rest)
                        .filter(|&(_, c)| fold_char(c) == Fold::Space)
                        .map(|(len, _)| len),
                    b'"' => escape::join_len(rest),
                    _ => None,
                };
                if let Some(len) = len {
                    at += len;
                    continue;
                }
            }
            break;
        }
        let (c, len) = decode(bytes, at);
        match char::from_u32(c) {
            Some(c) if c.is_whitespace() || is_invisible(c) => at += len,
            _ => break,
        }
    }
    at
}

fn push_fold(out: &mut String, fold: Fold) {
    match fold {
        Fold::Drop => {}
        Fold::Space => out.push(' '),
        Fold::One(c) => out.push(c),
        Fold::Many(cs, n) => cs[..usize::from(n)].iter().for_each(|&c| out.push(c)),
    }
}

/// Length of the NFC chunk starting at the beginning of `s`: up to the next
/// character that can neither reorder nor compose with what precedes it.
fn chunk_len(s: &str) -> usize {
    for (i, c) in s.char_indices().skip(1) {
        if fold::nfc_stable(c) {
            return i;
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::{fold_key, normalize};

    #[test]
    fn ascii_is_lowercased_and_spaces_collapse() {
        let n = normalize("Alat  International\r\nTrade");
        assert_eq!(n.text, "alat international trade");
        assert_eq!(n.original_range(5..18), 6..19);
        assert_eq!(n.original_range(19..24), 21..26);
    }

    #[test]
    fn cyrillic_a_in_astana_folds_and_maps_back() {
        let src = "in Astаna today";
        let n = normalize(src);
        assert_eq!(n.text, "in astana today");
        assert_eq!(&src[n.original_range(3..9)], "Astаna");
    }

    #[test]
    fn decomposed_accent_is_composed_and_maps_to_both_chars() {
        let src = "Fu\u{308}zuli";
        let n = normalize(src);
        assert_eq!(n.text, "füzuli");
        assert_eq!(n.original_range(1..3), 1..4);
    }

    #[test]
    fn invisibles_inside_a_name_vanish_but_stay_covered() {
        let src = "Bir\u{AD}les\u{200B}tik";
        let n = normalize(src);
        assert_eq!(n.text, "birlestik");
        assert_eq!(n.original_range(0..9), 0..src.len());
    }

    #[test]
    fn invisibles_at_the_edges_are_not_covered() {
        let src = "\u{200B}Baku\u{200B}";
        let n = normalize(src);
        assert_eq!(n.original_range(0..4), 3..7);
    }

    #[test]
    fn okina_and_typographic_apostrophe_fold_alike() {
        assert_eq!(fold_key("Oʻzbekiston"), fold_key("O’zbekiston"));
        assert_eq!(fold_key("Oʻzbekiston"), "o'zbekiston");
    }

    #[test]
    fn fold_key_trims_space() {
        assert_eq!(fold_key(" Baku\u{A0}"), "baku");
    }
}
