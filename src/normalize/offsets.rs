//! The map from folded text back to original bytes.
//!
//! A per-byte table would cost four times the text, and Cyrillic text (where
//! most letters change length when folded) would defeat any run-length
//! encoding. Instead the map keeps a checkpoint — a pair of folded and original
//! offsets at a unit boundary — every [`CHECKPOINT_EVERY`] folded bytes, and
//! re-folds from the nearest checkpoint when a range is asked for. Ranges are
//! asked for only for matches, which are rare next to the text, so this costs
//! little time and about an eighth of the text in memory.
//!
//! Invariant (tested below for arbitrary input): every returned range lies on
//! char boundaries of the original, and folding the original text in that
//! range reproduces the folded text of the range asked for.

use std::ops::Range;

use super::{plain_ascii_run, Folder, Syntax};

/// Folded bytes between checkpoints: the most a lookup re-folds.
pub(super) const CHECKPOINT_EVERY: usize = 128;

/// Checkpoints from folded offsets to original offsets.
pub struct OffsetMap<'a> {
    src: &'a str,
    syntax: Syntax,
    /// (folded offset, original offset), both at the start of a unit, ascending.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> OffsetMap<'a> {
    pub(crate) fn new(src: &'a str, syntax: Syntax) -> Self {
        OffsetMap {
            src,
            syntax,
            checkpoints: Vec::with_capacity(src.len() / CHECKPOINT_EVERY + 1),
        }
    }

    pub(crate) fn source(&self) -> &'a str {
        self.src
    }

    /// Records a unit boundary, if the last checkpoint is far enough behind.
    pub(crate) fn checkpoint(&mut self, folded: usize, original: usize) {
        let due = self
            .checkpoints
            .last()
            .is_none_or(|&(f, _)| folded >= f + CHECKPOINT_EVERY);
        if due {
            self.checkpoints.push((folded, original));
        }
    }

    /// The original range covering the units that produced `folded`.
    pub(crate) fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let i = self
            .checkpoints
            .partition_point(|&(f, _)| f <= folded.start)
            .saturating_sub(1);
        let (mut at_folded, orig) = self.checkpoints.get(i).copied().unwrap_or((0, 0));
        let mut folder = Folder::new(self.src, orig, self.syntax);
        let mut scratch = String::new();
        let mut start = None;
        while folder.pos < self.src.len() {
            let run = plain_ascii_run(self.src.as_bytes(), folder.pos, self.syntax);
            if run > 0 {
                // Plain ASCII maps byte for byte: no need to fold it again.
                let run_start = folder.pos;
                if start.is_none() && folded.start < at_folded + run {
                    if folded.is_empty() {
                        let at = run_start + (folded.start - at_folded);
                        return at..at;
                    }
                    start = Some(run_start + (folded.start - at_folded));
                }
                if let Some(s) = start {
                    if folded.end <= at_folded + run {
                        return s..run_start + (folded.end - at_folded);
                    }
                }
                folder.pos += run;
                at_folded += run;
                continue;
            }
            let unit_start = folder.pos;
            scratch.clear();
            folder.fold_unit(&mut scratch);
            let unit_end = at_folded + scratch.len();
            if start.is_none() && unit_end > folded.start {
                if folded.is_empty() {
                    return unit_start..unit_start;
                }
                start = Some(unit_start);
            }
            at_folded = unit_end;
            if let Some(s) = start {
                if at_folded >= folded.end {
                    return s..folder.pos;
                }
            }
        }
        let end = self.src.len();
        start.unwrap_or(end)..end
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::{
        any, prop, prop_assert, prop_assert_eq, prop_oneof, proptest, Just, Strategy,
    };

    use crate::normalize::{normalize, normalize_markup, normalize_with, Syntax};

    /// Characters that exercise every kind of unit, plus anything at all.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::char::range('a', 'e'),
            2 => Just(' '),
            2 => prop::sample::select(vec![
                'A', '\n', '\r', '\t', '\u{A0}', '\u{202F}', '\u{AD}', '\u{200B}', '\u{FEFF}',
                'а', 'А', 'Н', 'ʻ', '’', '–', '—', 'é', 'İ', 'ß', 'Σ', '\u{301}', '\u{323}',
                '\u{308}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{212B}', '\u{2126}', 'ǅ',
                '\u{0F73}', '\u{FB2C}', '&', ';', '#', 'x', '9', '`', 'я', 'ж', 'क',
                '\u{93C}', '😀', '\u{1D165}', '\u{1D15F}', '\u{2000B}', '\\', '"', 'n', '#', '~',
                '\u{651}', '\u{64E}', '\u{640}', 'س', 'ل', '\u{5B8}', '\u{5C1}', 'ש',
            ]),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]

        /// Any folded range that starts and ends on char boundaries maps to an
        /// original range on char boundaries whose own fold contains it.
        #[test]
        fn mapped_ranges_cover_what_produced_them(
            chars in prop::collection::vec(tricky_char(), 0..60),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let src: String = chars.into_iter().collect();
            let n = normalize(&src);
            let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i)
                .chain(std::iter::once(n.text.len())).collect();
            let (x, y) = (a.get(&bounds), b.get(&bounds));
            let folded = *x.min(y)..*x.max(y);
            let orig = n.original_range(folded.clone());
            prop_assert!(src.is_char_boundary(orig.start) && src.is_char_boundary(orig.end));
            prop_assert!(orig.start <= orig.end && orig.end <= src.len());
            let refolded = normalize(&src[orig.clone()]).text;
            prop_assert!(
                refolded.contains(&n.text[folded.clone()]),
                "{:?}[{:?}] = {:?} folds to {:?}, missing {:?}",
                src, orig, &src[orig.clone()], refolded, &n.text[folded]
            );
        }

    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]

        /// The hot paths of `normalize` (ASCII runs, runs of NFC-inert
        /// characters) fold exactly as the unit-by-unit walk does.
        #[test]
        fn fast_paths_fold_like_the_reference(
            chars in prop::collection::vec(tricky_char(), 0..300),
        ) {
            let src: String = chars.into_iter().collect();
            for syntax in [Syntax::Plain, Syntax::Markup, Syntax::CString] {
                prop_assert_eq!(
                    normalize_with(&src, syntax).text,
                    crate::normalize::normalize_reference(&src, syntax),
                    "{:?}", syntax
                );
            }
        }
    }

    proptest! {
        /// Markup: character references are units too.
        #[test]
        fn markup_ranges_cover_what_produced_them(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "&amp;", "&nbsp;", "&#x259;", "&#601;", "&shy;", "&bogus;", "&", ";", "a", "B", " ", "\n", "é", "\u{301}",
                "&#xD800;", "&#99999999;", "Ast&#1072;na", "<b>", "</b>", "<", "<i\n>", "Nur-<b>Sultan</b>",
                "< a", "<1>", "<ph id=\"1\">&lt;b&gt;</ph>", "<bpt>", "</bpt>", "<x/>", "**", "_", " *", "~",
            ]), 0..30),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let src: String = pieces.concat();
            let n = normalize_markup(&src);
            let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain(std::iter::once(n.text.len())).collect();
            let (x, y) = (a.get(&bounds), b.get(&bounds));
            let folded = *x.min(y)..*x.max(y);
            let orig = n.original_range(folded.clone());
            prop_assert!(src.is_char_boundary(orig.start) && src.is_char_boundary(orig.end));
            let refolded = normalize_markup(&src[orig.clone()]).text;
            prop_assert!(refolded.contains(&n.text[folded.clone()]), "{:?}[{:?}]", src, orig);
        }

        /// A C string (PO): escapes and the joins between quoted lines are
        /// units too, and the fast paths cut the units the walk cuts.
        #[test]
        fn c_string_ranges_cover_what_produced_them(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "\\n", "\\t", "\\\"", "\\\\", "\\101", "\\x41", "\\303", "\\", "\\q", "\"\n\"", "\"\n#~ \"",
                "\" \r\n  \"", "\"", "\n", " ", "  ", "a", "B", "Alat ", "International", "é", "\u{301}", "Ast\u{430}na",
                "n25", "Nur-Sultan", "\u{A0}",
            ]), 0..30),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let src: String = pieces.concat();
            let n = normalize_with(&src, Syntax::CString);
            prop_assert_eq!(&n.text, &crate::normalize::normalize_reference(&src, Syntax::CString));
            let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain(std::iter::once(n.text.len())).collect();
            let (x, y) = (a.get(&bounds), b.get(&bounds));
            let folded = *x.min(y)..*x.max(y);
            let orig = n.original_range(folded.clone());
            prop_assert!(src.is_char_boundary(orig.start) && src.is_char_boundary(orig.end));
            let refolded = normalize_with(&src[orig.clone()], Syntax::CString).text;
            prop_assert!(refolded.contains(&n.text[folded.clone()]), "{:?}[{:?}]", src, orig);
        }
    }

    proptest! {
        // Each case maps every character of a long input: fewer cases suffice.
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]

        /// The map is the same however far the checkpoints are apart: long
        /// inputs force lookups that re-fold from a checkpoint.
        #[test]
        fn long_inputs_map_like_short_ones(
            chars in prop::collection::vec(tricky_char(), 200..600),
        ) {
            let src: String = chars.into_iter().collect();
            let n = normalize(&src);
            let mut at = 0;
            for (i, c) in n.text.char_indices() {
                let orig = n.original_range(i..i + c.len_utf8());
                prop_assert!(orig.start >= at || orig.end > at, "map went backwards at {i}");
                at = orig.start;
                let refolded = normalize(&src[orig.clone()]).text;
                prop_assert!(refolded.contains(c), "{c:?} at {i} not produced by {:?}", &src[orig]);
            }
        }
    }
}
