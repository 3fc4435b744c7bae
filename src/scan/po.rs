//! Gettext PO: every entry's msgid (and msgid_plural) as the source, its
//! msgstr (and msgstr[n]) as the target.
//!
//! The target language is the header's `Language:`; the source language is
//! the header's `X-Source-Language:` (Poedit), else English, gettext's
//! convention for msgids. The header entry and msgctxt are not checked.
//! Entries flagged `#, fuzzy` and obsolete (`#~`) entries are read as
//! unfinished units (`crate::states`): skipped unless asked for, and an
//! obsolete entry is never fixed. Each string (msgid, msgid_plural, each
//! msgstr) is one segment: its content from the first opening quote to the
//! last closing one, as written, over all its lines; the normaliser reads
//! its escapes and the joins between its lines (`normalize::Syntax::CString`).
//! Sources are reported, never fixed. A translator comment
//! `# termlint: ignore …` silences its whole entry.

use std::ops::Range;

use super::directive::{self, Command, Directive, PendingIgnore, Regions};
use super::{Parsed, Segment};
use crate::lang::LangTag;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Source,
    Target,
}

/// One entry while it is read.
#[derive(Default)]
struct Entry {
    start: usize,
    end: usize,
    strings: Vec<(Range<usize>, Field)>,
    ignores: Vec<PendingIgnore>,
    /// `#, fuzzy`.
    fuzzy: bool,
    /// Written as `#~` lines.
    obsolete: bool,
}

// Kept whole: one pass over the lines of a PO file; they share the entry and the field being read.
pub(super) fn parse(text: &str) -> Result<Parsed, (usize, String)> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current = Entry::default();
    let mut field: Option<Field> = None;
    let mut regions = Regions::new();
    let mut directives = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        // An obsolete entry's lines are its keywords and strings behind
        // `#~ ` (`#~|` lines are its previous msgid, a comment).
        let (line, start, obsolete) = match obsolete_line(line) {
            Some(skip) => (&line[skip..], start + skip, true),
            None => (line, start, false),
        };
        let trimmed = if obsolete { line.trim() } else { trimmed };
        if !obsolete && trimmed.starts_with('#') {
            // A comment starts the next entry if the current one has strings.
            if !current.strings.is_empty() {
                entries.push(std::mem::take(&mut current));
                field = None;
            }
            if current.strings.is_empty() && current.ignores.is_empty() && !current.fuzzy {
                current.start = start;
            }
            if trimmed
                .strip_prefix("#,")
                .is_some_and(|flags| flags.split(',').any(|f| f.trim() == "fuzzy"))
            {
                current.fuzzy = true;
            }
            match directive::parse(trimmed) {
                Some(Command::Ignore(names)) => {
                    current.ignores.push((start..start + line.len(), names));
                }
                Some(c) => directives.extend(regions.feed(&c, start..start + line.len())),
                None => {}
            }
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let (keyword, rest_at) = keyword(line);
        if let Some(kw) = keyword {
            let f = match kw {
                "msgctxt" => Field::Context,
                "msgid" | "msgid_plural" => Field::Source,
                _ => Field::Target,
            };
            // msgid after a msgstr starts a new entry even without a comment.
            if f != Field::Target && field == Some(Field::Target) {
                entries.push(std::mem::take(&mut current));
                current.start = start;
            }
            field = Some(f);
        }
        let Some(f) = field else {
            return Err((start, "a PO line outside any entry".to_owned()));
        };
        let content =
            quoted(line, rest_at).ok_or((start, "expected a quoted string".to_owned()))?;
        let range = start + content.start..start + content.end;
        // A line without a keyword goes on the string above it: the two
        // are one segment, joined where gettext wrapped the line, so a name
        // split over them is found whole.
        match current.strings.last_mut() {
            Some((last, _)) if keyword.is_none() => last.end = range.end,
            _ => current.strings.push((range, f)),
        }
        current.obsolete |= obsolete;
        current.end = offset;
    }
    entries.push(current);
    directives.extend(regions.close(text.len()));
    Ok(assemble(text, entries, directives))
}

// Kept whole: turns the parsed entries into segments in file order, header first.
fn assemble(text: &str, entries: Vec<Entry>, mut directives: Vec<Directive>) -> Parsed {
    let header = entries
        .iter()
        .find(|e| e.strings.iter().any(|(_, f)| *f == Field::Source))
        .filter(|e| {
            e.strings
                .iter()
                .filter(|(_, f)| *f == Field::Source)
                .all(|(r, _)| r.is_empty())
        });
    let header_value = |name: &str| {
        let e = header?;
        let body: String = e
            .strings
            .iter()
            .filter(|(_, f)| *f == Field::Target)
            .map(|(r, _)| crate::normalize::decode_c(&text[r.clone()]))
            .collect();
        body.split('\n')
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            .and_then(|v| LangTag::parse(&v))
    };
    let target = header_value("Language:");
    let source = header_value("X-Source-Language:").or_else(|| LangTag::parse("en"));
    let header_start = header.map(|e| e.start);
    let mut segments = Vec::new();
    let mut unfinished = Vec::new();
    for (n, e) in entries.iter().enumerate() {
        let is_header = Some(e.start) == header_start && header.is_some();
        for (range, field) in &e.strings {
            if is_header || range.is_empty() || *field == Field::Context {
                continue;
            }
            segments.push(Segment {
                range: range.clone(),
                language: if *field == Field::Source {
                    source.clone()
                } else {
                    target.clone()
                },
                fixable: *field == Field::Target && !e.obsolete,
                unit: Some((n, *field == Field::Target)),
            });
        }
        if e.obsolete {
            unfinished.push((n, "obsolete"));
        } else if e.fuzzy {
            unfinished.push((n, "fuzzy"));
        }
        for (at, names) in &e.ignores {
            directives.push(Directive {
                at: at.clone(),
                silences: e.start..e.end.max(at.end),
                names: names.clone(),
            });
        }
    }
    Parsed {
        segments,
        declared: target,
        directives,
        unfinished,
    }
}

/// Where the entry line inside an obsolete `#~ ` line starts.
fn obsolete_line(line: &str) -> Option<usize> {
    let lead = line.len() - line.trim_start().len();
    let rest = line[lead..].strip_prefix("#~")?;
    if rest.starts_with('|') {
        return None;
    }
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    Some(lead + 2 + spaces)
}

/// The keyword at the start of `line`, and where the rest begins.
fn keyword(line: &str) -> (Option<&str>, usize) {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let word_len = rest
        .find(|c: char| c.is_whitespace() || c == '"')
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let known = word == "msgctxt"
        || word == "msgid"
        || word == "msgid_plural"
        || word.starts_with("msgstr");
    if known {
        (Some(word), lead + word_len)
    } else {
        (None, lead)
    }
}

/// The content range (inside the quotes) of the quoted string in `line` at
/// or after `from`.
fn quoted(line: &str, from: usize) -> Option<Range<usize>> {
    let open = from + line[from..].find('"')?;
    let mut escaped = false;
    for (i, c) in line[open + 1..].char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(open + 1..open + 1 + i),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse;

    const PO: &str = r#"msgid ""
msgstr ""
"Language: ru\n"

#: src/a.c:1
msgid "Meeting in Astana"
msgstr "Встреча в "
"Нур-Султане"

# termlint: ignore
msgctxt "menu"
msgid "Nur-Sultan"
msgid_plural "Nur-Sultans"
msgstr[0] "Нур-Султан"
msgstr[1] "Нур-Султаны"

#~ msgid "Old"
#~ msgstr "Нур-Султан"
"#;

    #[test]
    fn sources_targets_languages_and_directives() {
        let p = parse(PO).unwrap_or_else(|e| panic!("{e:?}"));
        let segs: Vec<(&str, String, bool)> = p
            .segments
            .iter()
            .map(|s| {
                (
                    &PO[s.range.clone()],
                    s.language.clone().unwrap().to_string(),
                    s.fixable,
                )
            })
            .collect();
        assert_eq!(
            segs,
            [
                ("Meeting in Astana", "en".to_owned(), false),
                // One string over two lines: one segment, with the join.
                ("Встреча в \"\n\"Нур-Султане", "ru".to_owned(), true),
                ("Nur-Sultan", "en".to_owned(), false),
                ("Nur-Sultans", "en".to_owned(), false),
                ("Нур-Султан", "ru".to_owned(), true),
                ("Нур-Султаны", "ru".to_owned(), true),
                // Obsolete: read as an unfinished unit, never fixed.
                ("Old", "en".to_owned(), false),
                ("Нур-Султан", "ru".to_owned(), false),
            ]
        );
        assert_eq!(p.unfinished, [(3, "obsolete")]);
        assert_eq!(p.declared.unwrap().as_str(), "ru");
        assert_eq!(p.directives.len(), 1);
        let silenced = &PO[p.directives[0].silences.clone()];
        assert!(silenced.contains("msgstr[1] \"Нур-Султаны\""), "{silenced}");
        assert!(!silenced.contains("Meeting"), "{silenced}");
    }

    #[test]
    fn fuzzy_entries_are_unfinished() {
        let po = "msgid \"\"\nmsgstr \"Language: kk\\n\"\n\n#, c-format, fuzzy\nmsgid \"Astana\"\nmsgstr \"Астана\"\n\n#, c-format\nmsgid \"Baku\"\nmsgstr \"Баку\"\n#~| msgid \"Old\"\n";
        let p = parse(po).unwrap();
        assert_eq!(p.unfinished, [(1, "fuzzy")]);
        assert_eq!(p.segments.len(), 4);
    }

    #[test]
    fn escaped_quotes_stay_inside_the_string() {
        let po = "msgid \"say \\\"Baku\\\" now\"\nmsgstr \"\"\n";
        let p = parse(po).unwrap();
        assert_eq!(&po[p.segments[0].range.clone()], "say \\\"Baku\\\" now");
    }

    #[test]
    fn garbage_is_an_error_with_an_offset() {
        assert_eq!(
            parse("msgid \"ok\"\nmsgstr oops\n").err().map(|e| e.0),
            Some(11)
        );
        assert!(parse("\"orphan\"\n").is_err());
    }
}
