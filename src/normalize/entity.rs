//! HTML character references (`&amp;`, `&nbsp;`, `&#x259;`, `&eacute;`)
//! and inline tags.
//!
//! In markup, the normaliser folds a reference as the character it stands
//! for, as one atomic unit, so a match maps back to the reference's exact
//! bytes. The named table covers XML's five, the Latin-1 range and the
//! typographic punctuation termlint folds; other names stay as written.
//!
//! A tag inside a segment (the extractors join text across inline tags
//! only: `Nur-<b>Sultan</b>`) folds to nothing, as one unit, so a name split
//! by markup is found whole (issue 21).

use std::borrow::Cow;

/// The character a reference at the start of `s` stands for, and its length.
pub(crate) fn decode(s: &str) -> Option<(usize, char)> {
    let body = s.strip_prefix('&')?;
    // A name of up to 32 letters, digits or `#`, then `;`.
    let semi = body.char_indices().take(33).find(|&(_, c)| c == ';')?.0;
    let name = &body[..semi];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') {
        return None;
    }
    let code = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    let c = match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => code(hex, 16),
            None => code(num, 10),
        },
        None => NAMED
            .binary_search_by_key(&name, |&(n, _)| n)
            .ok()
            .map(|i| NAMED[i].1),
    }?;
    Some((semi + 2, c))
}

/// The length of the tag at the start of `s`: `<` and a letter (or `</`
/// and a letter), up to the next `>` with no `<` before it, within 1 KiB.
/// A `<` that starts no tag ("1 < 2", "a <= b") is text.
pub(crate) fn tag_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('<')?;
    let name = body.strip_prefix('/').unwrap_or(body);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = body
        .bytes()
        .take(1024)
        .position(|b| b == b'>' || b == b'<')?;
    (body.as_bytes()[end] == b'>').then_some(end + 2)
}

/// Where the run of Markdown emphasis delimiters (`*`, `_` or `~`, one kind)
/// around byte `at` of `text` ends, if it is to be read as nothing: it has
/// a character that is not white space on both sides ("Nur**-Sultan", the
/// `**` of a bold "Nur"). A delimiter run next to a space is text, and a
/// word boundary, as before.
pub(crate) fn emphasis_end(text: &str, at: usize) -> Option<usize> {
    let c = *text.as_bytes().get(at)?;
    let bytes = text.as_bytes();
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b != c)
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b != c)
        .map_or(text.len(), |i| at + i);
    let before = text[..start].chars().next_back()?;
    let after = text[end..].chars().next()?;
    (!before.is_whitespace() && !after.is_whitespace()).then_some(end)
}

/// The element name of a tag (`<B class=x>` and `</b>` → `b`), lower case.
pub(crate) fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// XLIFF elements whose content is native code (`<ph>&lt;b&gt;</ph>`),
/// which a reader never sees.
const CODE: &[&str] = &["ph", "bpt", "ept", "it"];

/// Elements that stand for content (a line break, an image, a variable):
/// they separate words, where formatting tags (`<b>`, `<g>`, `<sc/>`) join
/// them.
const SEPARATORS: &[&str] = &["ph", "x", "br", "img"];

/// The markup at the start of `s` that a reader does not see: a tag
/// ([`tag_len`]), or a whole XLIFF code element with its content. Its length,
/// and whether it separates words (a placeholder) or not (formatting).
pub(crate) fn markup_len(s: &str) -> Option<(usize, bool)> {
    let len = tag_len(s)?;
    let name = tag_name(&s[..len]);
    let separates = SEPARATORS.contains(&name.as_str());
    if !CODE.contains(&name.as_str()) || s[..len].ends_with("/>") || s.starts_with("</") {
        return Some((len, separates));
    }
    let close = format!("</{name}>");
    let end = s[len..].find(&close)?;
    Some((len + end + close.len(), separates))
}

/// `s` with every reference decoded and every tag and emphasis run inside
/// a word removed: the text a reader sees.
pub fn decode_all(s: &str) -> Cow<'_, str> {
    decode_units(s, b"&<*_~", |c, at, out| {
        let rest = &s[at..];
        match c {
            '&' => decode(rest).map(|(len, decoded)| {
                out.push(decoded);
                len
            }),
            '*' | '_' | '~' => emphasis_end(s, at).map(|end| end - at),
            '<' => markup_len(rest).map(|(len, separates)| {
                if separates {
                    out.push(' ');
                }
                len
            }),
            _ => None,
        }
    })
}

/// `s` as a reader sees it, in one pass over the original as the
/// normaliser cuts its units: `unit` is asked at each character `c` at byte
/// `at` that is one of `starts`, writes what a unit starting there stands
/// for and returns its length, or `None` for a plain character.
pub(super) fn decode_units<'s>(
    s: &'s str,
    starts: &[u8],
    mut unit: impl FnMut(char, usize, &mut String) -> Option<usize>,
) -> Cow<'s, str> {
    // The starts are ASCII, so they are searched as bytes and the text
    // between them copied whole: a search for a set of chars decoded
    // every character of every unit of a catalogue (a twentieth of
    // checking it).
    debug_assert!(starts.iter().all(u8::is_ascii));
    let is_start = super::byte_set(starts);
    let bytes = s.as_bytes();
    let next_start = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| is_start[usize::from(b)])
            .map(|i| from + i)
    };
    let Some(mut hit) = next_start(0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    loop {
        out.push_str(&s[at..hit]);
        let c = char::from(bytes[hit]);
        at = match unit(c, hit, &mut out) {
            Some(len) => hit + len,
            None => {
                out.push(c);
                hit + 1
            }
        };
        match next_start(at) {
            Some(next) => hit = next,
            None => {
                out.push_str(&s[at..]);
                return Cow::Owned(out);
            }
        }
    }
}

/// Sorted by name.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iuml", 'Ï'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("THORN", 'Þ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("ccedil", 'ç'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("igrave", 'ì'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ograve", 'ò'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("shy", '\u{AD}'),
    ("szlig", 'ß'),
    ("thorn", 'þ'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yuml", 'ÿ'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

#[cfg(test)]
mod tests {
    use super::{decode, decode_all, NAMED};

    proptest::proptest! {
        /// `decode_units` searches its starts as bytes and copies the text
        /// between them whole; a reading character by character is the
        /// reference.
        #[test]
        fn decoding_by_bytes_is_decoding_by_chars(
            s in "[&<>*_~;#x0-9a-zé Ж\\\\\"\n]{0,40}"
        ) {
            let one_by_one = |starts: &[char], unit: &mut dyn FnMut(char, usize, &mut String) -> Option<usize>| {
                let mut out = String::new();
                let mut at = 0;
                while let Some(c) = s[at..].chars().next() {
                    match starts.contains(&c).then(|| unit(c, at, &mut out)).flatten() {
                        Some(len) => at += len,
                        None => {
                            out.push(c);
                            at += c.len_utf8();
                        }
                    }
                }
                out
            };
            let expected = one_by_one(&['&', '<', '*', '_', '~'], &mut |c, at, out| {
                let rest = &s[at..];
                match c {
                    '&' => decode(rest).map(|(len, decoded)| {
                        out.push(decoded);
                        len
                    }),
                    '*' | '_' | '~' => super::emphasis_end(&s, at).map(|end| end - at),
                    '<' => super::markup_len(rest).map(|(len, separates)| {
                        if separates {
                            out.push(' ');
                        }
                        len
                    }),
                    _ => None,
                }
            });
            proptest::prop_assert_eq!(decode_all(&s).into_owned(), expected);
        }
    }

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn references_decode_with_their_length() {
        assert_eq!(decode("&amp; x"), Some((5, '&')));
        assert_eq!(decode("&#x259;"), Some((7, 'ə')));
        assert_eq!(decode("&#601;"), Some((6, 'ə')));
        assert_eq!(decode("&nbsp;Sea"), Some((6, '\u{A0}')));
        assert_eq!(decode("&bogus;"), None);
        assert_eq!(decode("& alone"), None);
        assert_eq!(decode("&"), None);
    }

    #[test]
    fn whole_strings() {
        assert_eq!(
            decode_all("Caspian&nbsp;Sea &amp; Az&#601;rbaycan &x;"),
            "Caspian\u{A0}Sea & Azərbaycan &x;"
        );
    }
}
