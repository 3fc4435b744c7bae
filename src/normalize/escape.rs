//! C string syntax, as gettext PO files write their strings: backslash
//! escapes (`\n`, `\"`, `\\`, `\t`, octal and hex), and the join between
//! the quoted lines of one string (`"Alat International "` newline
//! `"Trade Seaport"`).
//!
//! The normaliser folds an escape as the character it stands for, and a
//! join as nothing, each as one unit, as it does a character reference in
//! markup: `\nAstana` is a line break and "Astana", and a name that
//! gettext's line wrapping split over two lines is found whole.

use std::borrow::Cow;

/// The character a C escape at the start of `s` stands for, and its
/// length: `\n \t \r \" \' \\ \? \a \b \f \v`, octal `\ooo` (one to three
/// digits) and hex `\xhh`. A byte value above 127 (one byte of a
/// character's UTF-8, which PO files almost never escape) reads as U+FFFD,
/// a character that is no letter.
pub(crate) fn c_escape(s: &str) -> Option<(usize, char)> {
    let body = s.strip_prefix('\\')?;
    let first = body.chars().next()?;
    let simple = match first {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{C}'),
        'v' => Some('\u{B}'),
        '"' | '\'' | '\\' | '?' => Some(first),
        _ => None,
    };
    if let Some(c) = simple {
        return Some((2, c));
    }
    let (digits, radix, skip) = if first == 'x' {
        let n = body[1..]
            .bytes()
            .take(2)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        (&body[1..1 + n], 16, 1)
    } else {
        let n = body
            .bytes()
            .take(3)
            .take_while(|b| (b'0'..=b'7').contains(b))
            .count();
        (&body[..n], 8, 0)
    };
    if digits.is_empty() {
        return None;
    }
    let value = u32::from_str_radix(digits, radix).ok()?;
    let c = if value < 0x80 {
        char::from_u32(value)?
    } else {
        '\u{FFFD}'
    };
    Some((1 + skip + digits.len(), c))
}

/// The length of the join at the start of `s` between two quoted lines of
/// one PO string: the closing `"`, white space through at least one line
/// break, `#~` if the string is in an obsolete entry, white space, and the
/// opening `"`.
pub(crate) fn join_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('"')?;
    let mut i = 0;
    let bytes = rest.as_bytes();
    let mut lines = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => {
                lines += 1;
                i += 1;
                // An obsolete entry's next line.
                let lead = bytes[i..]
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                if bytes[i + lead..].starts_with(b"#~") && bytes.get(i + lead + 2) != Some(&b'|') {
                    i += lead + 2;
                }
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'"' if lines > 0 => return Some(i + 2),
            _ => return None,
        }
    }
    None
}

/// `s` with every escape decoded and every join removed: the text a reader
/// of the compiled catalogue sees.
pub fn decode_c(s: &str) -> Cow<'_, str> {
    super::entity::decode_units(s, b"\\\"", |c, at, out| match c {
        '\\' => c_escape(&s[at..]).map(|(len, decoded)| {
            out.push(decoded);
            len
        }),
        _ => join_len(&s[at..]),
    })
}

/// `s` written inside a C string: `\` and `"` escaped, line breaks and
/// tabs as `\n` and `\t`.
pub fn escape_c(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{c_escape, decode_c, escape_c, join_len};

    #[test]
    fn escapes_decode_with_their_length() {
        assert_eq!(c_escape("\\nAstana"), Some((2, '\n')));
        assert_eq!(c_escape("\\\"Baku\\\""), Some((2, '"')));
        assert_eq!(c_escape("\\\\"), Some((2, '\\')));
        assert_eq!(c_escape("\\101"), Some((4, 'A')));
        assert_eq!(c_escape("\\0"), Some((2, '\0')));
        assert_eq!(c_escape("\\x41B"), Some((4, 'A')));
        assert_eq!(c_escape("\\303\\251"), Some((4, '\u{FFFD}')));
        assert_eq!(c_escape("\\q"), None);
        assert_eq!(c_escape("\\x"), None);
        assert_eq!(c_escape("\\"), None);
        assert_eq!(c_escape("n"), None);
    }

    #[test]
    fn joins_span_a_line_break_between_quotes() {
        assert_eq!(join_len("\"\n\"Trade"), Some(3));
        assert_eq!(join_len("\"  \r\n  \"Trade"), Some(8));
        assert_eq!(join_len("\"\n#~ \"Trade"), Some(6));
        // No line break: two strings on one line are no PO.
        assert_eq!(join_len("\" \"x"), None);
        assert_eq!(join_len("\"\nmsgstr \"x"), None);
        assert_eq!(join_len("\"\n#~| \"x"), None);
        assert_eq!(join_len("\"\n"), None);
    }

    #[test]
    fn whole_strings_and_back() {
        assert_eq!(
            decode_c("Meeting in\\n\\\"Astana\\\" of \"\n\"Kazakhstan"),
            "Meeting in\n\"Astana\" of Kazakhstan"
        );
        assert_eq!(decode_c("plain"), "plain");
        assert_eq!(escape_c("a \"b\" \\ c\n"), "a \\\"b\\\" \\\\ c\\n");
        assert_eq!(decode_c(&escape_c("a \"b\" \\ c\n\t")), "a \"b\" \\ c\n\t");
    }
}
