//! Placeholders in programs' message strings (PO, XLIFF, TMX): the program
//! puts a value there when it shows the message, so a placeholder is
//! neither a word nor a number of the text. `%1$s` states no 1 and `{0}`
//! no 0, and `%sThank` holds the word "Thank", not "sThank".
//!
//! Recognised: printf and its relatives (`%s`, `%d`, `%5.2f`, `%-10s`,
//! `%lu`, `%1$s`, `%@`, `%%`), Python's `%(name)s`, Qt's `%1`, braces as
//! Python, .NET, ICU and many frameworks write them (`{0}`, `{count}`,
//! `{0:N2}`, `{name!r}`), and shell-style `$name` and `${name}`. A percent
//! sign after a number ("50% of") is no placeholder: printf's space flag is
//! not read.

/// The length of the placeholder at the start of `s`, if one starts there.
pub(crate) fn placeholder_len(s: &str) -> Option<usize> {
    match s.as_bytes().first()? {
        b'%' => printf_len(s),
        b'{' => brace_len(s),
        b'$' => dollar_len(s),
        _ => None,
    }
}

// Kept whole: one case analysis of a printf conversion, byte by byte.
fn printf_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1;
    match b.get(i)? {
        b'%' => return Some(2),
        // Python's named placeholder.
        b'(' => {
            let close = s[i..].find(')')? + i;
            let name = &s[i + 1..close];
            if name.is_empty() || !name.bytes().all(is_name_byte) {
                return None;
            }
            i = close + 1;
        }
        _ => {}
    }
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    let start = i;
    // A position (`%1$s`), or Qt's bare `%1`.
    if digits(&mut i) {
        if b.get(i) == Some(&b'$') {
            i += 1;
        } else if !b
            .get(i)
            .is_some_and(|&c| c == b'.' || is_conversion(c) || c.is_ascii_alphabetic())
        {
            return Some(i);
        } else {
            // A width, read again below.
            i = start;
        }
    }
    while b.get(i).is_some_and(|c| b"-+#0'".contains(c)) {
        i += 1;
    }
    // A width or precision from an argument: `*`, or `*2$` by position.
    let star = |i: &mut usize| {
        if b.get(*i) != Some(&b'*') {
            return false;
        }
        *i += 1;
        let at = *i;
        if digits(i) && b.get(*i) == Some(&b'$') {
            *i += 1;
        } else {
            *i = at;
        }
        true
    };
    if !star(&mut i) {
        digits(&mut i);
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !star(&mut i) && !digits(&mut i) {
            return None;
        }
    }
    for length in ["hh", "ll", "h", "l", "L", "q", "j", "z", "t", "I64", "I32"] {
        if s[i..].starts_with(length) {
            i += length.len();
            break;
        }
    }
    is_conversion(*b.get(i)?).then_some(i + 1)
}

fn is_conversion(c: u8) -> bool {
    b"diouxXeEfFgGaAcspn@".contains(&c)
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn brace_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let name = b[1..].iter().take_while(|&&c| is_name_byte(c)).count();
    if name == 0 {
        return None;
    }
    let mut i = 1 + name;
    // A format or conversion (`{0:N2}`, `{name!r}`, `{0,number}`): up to
    // the closing brace, within one short run without spaces or braces.
    if matches!(b.get(i), Some(b':' | b'!' | b',')) {
        let rest = b[i..]
            .iter()
            .take(32)
            .position(|&c| matches!(c, b'}' | b'{' | b' ' | b'\n'))?;
        i += rest;
    }
    (b.get(i) == Some(&b'}')).then_some(i + 1)
}

fn dollar_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'{') {
        return brace_len(&s[1..]).map(|n| n + 1);
    }
    if !b
        .get(1)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    Some(1 + b[1..].iter().take_while(|&&c| is_name_byte(c)).count())
}

#[cfg(test)]
mod tests {
    use super::placeholder_len;

    #[test]
    fn printf_python_qt_brace_and_shell_placeholders() {
        for (s, len) in [
            ("%s rest", 2),
            ("%d", 2),
            ("%5.2f", 5),
            ("%-10s", 5),
            ("%lu", 3),
            ("%lld", 4),
            ("%1$s", 4),
            ("%2$d.", 4),
            ("%@", 2),
            ("%%", 2),
            ("%(name)s", 8),
            ("%(count)d items", 9),
            ("%1 and %2", 2),
            ("%12", 3),
            ("%.*s", 4),
            ("%2$.*1$s", 8),
            ("%*3$d", 5),
            ("{0}", 3),
            ("{count} files", 7),
            ("{0:N2}", 6),
            ("{name!r}", 8),
            ("{0,number}", 10),
            ("$name", 5),
            ("${name}", 7),
        ] {
            assert_eq!(placeholder_len(s), Some(len), "{s}");
        }
    }

    #[test]
    fn prose_is_no_placeholder() {
        for s in [
            "% of the vote",
            "%",
            "{ 0 }",
            "{}",
            "{count, plural, one {# item} other {# items}}",
            "$5",
            "$",
            "%(",
            "%(a b)s",
            "%.x",
            "%y",
        ] {
            assert_eq!(placeholder_len(s), None, "{s}");
        }
    }
}
