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

/// The entries read so far, and the one being read: a reader can go on
/// from any line, which is what lets a large catalogue be read in chunks
/// on every core ([`parse_in_chunks`]).
struct Lines {
    entries: Vec<Entry>,
    current: Entry,
    field: Option<Field>,
    regions: Regions,
    directives: Vec<Directive>,
}

impl Lines {
    /// A reader at the start of a file, or (`start`) of a chunk that begins
    /// with an entry.
    fn new(start: usize) -> Lines {
        Lines {
            entries: Vec::new(),
            current: Entry {
                start,
                ..Entry::default()
            },
            field: None,
            regions: Regions::new(),
            directives: Vec::new(),
        }
    }

    /// Reads the lines of `text`, which starts at byte `base` of the file,
    /// at the start of a line.
    // Kept whole: one pass over the lines of a PO file; they share the entry and the field being
    // read.
    fn read(&mut self, text: &str, base: usize) -> Result<(), (usize, String)> {
        let Lines {
            entries,
            current,
            field,
            regions,
            directives,
        } = self;
        let mut offset = base;
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
                    entries.push(std::mem::take(current));
                    *field = None;
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
                if f != Field::Target && *field == Some(Field::Target) {
                    entries.push(std::mem::take(current));
                    current.start = start;
                }
                *field = Some(f);
            }
            let Some(f) = *field else {
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
        Ok(())
    }

    /// Whether the next entry's first line (a comment, `msgctxt` or
    /// `msgid`) ends the current entry as it would start a fresh reader's:
    /// the current entry has its msgstr, and no `off` waits for its `on`.
    fn settled(&self) -> bool {
        !self.current.strings.is_empty()
            && self.field == Some(Field::Target)
            && self.regions.is_closed()
    }

    /// Takes on what `next`, a fresh reader of the chunk after this one's
    /// text, read: this one's entry ends where the chunk begins.
    fn append(&mut self, next: Lines) {
        self.entries.push(std::mem::take(&mut self.current));
        self.entries.extend(next.entries);
        self.current = next.current;
        self.field = next.field;
        self.regions = next.regions;
        self.directives.extend(next.directives);
    }

    fn finish(mut self, text: &str) -> Parsed {
        self.entries.push(self.current);
        self.directives.extend(self.regions.close(text.len()));
        assemble(text, self.entries, self.directives)
    }
}

pub(super) fn parse(text: &str) -> Result<Parsed, (usize, String)> {
    if let Some((size, round)) = super::chunking(text.len()) {
        if let Some(parsed) = parse_in_chunks(text, size, round) {
            return Ok(parsed);
        }
    }
    let mut lines = Lines::new(0);
    lines.read(text, 0)?;
    Ok(lines.finish(text))
}

/// `text` read in chunks of about `size` bytes, `round` of them at a time on
/// every core, each cut at a line that starts an entry (a comment other
/// than `#~`, `msgctxt` or `msgid`, after a blank line); `None` if it is
/// better read whole (a small file, or a line no reader accepts: the whole
/// file's reading says where).
///
/// Every chunk but the first is read by a fresh reader. In document order,
/// its reading is taken when the reader before it ended [`Lines::settled`]
/// (then the cut's line ends the entry before it exactly as it starts the
/// fresh reader's); otherwise the chunk is read again, on from where that
/// reader stands. So the result is the whole file's reading.
fn parse_in_chunks(text: &str, size: usize, round: usize) -> Option<Parsed> {
    use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};
    let cuts = entry_starts(text, size);
    let first = *cuts.first()?;
    let ends = cuts.iter().skip(1).copied().chain([text.len()]);
    let chunks: Vec<Range<usize>> = cuts.iter().copied().zip(ends).map(|(a, b)| a..b).collect();
    let mut whole = Lines::new(0);
    whole.read(&text[..first], 0).ok()?;
    let fresh = |chunk: &Range<usize>| {
        let mut lines = Lines::new(chunk.start);
        lines
            .read(&text[chunk.clone()], chunk.start)
            .ok()
            .map(|()| lines)
    };
    // In rounds: every chunk's reading is held until its turn to be taken.
    for group in chunks.chunks(round.max(1)) {
        let ahead: Vec<Option<Lines>> = group.par_iter().map(fresh).collect();
        for (chunk, next) in group.iter().zip(ahead) {
            match next {
                Some(next) if whole.settled() => whole.append(next),
                _ => whole.read(&text[chunk.clone()], chunk.start).ok()?,
            }
        }
    }
    Some(whole.finish(text))
}

/// Where entries start after a blank line (a line beginning `#` but not
/// `#~`, or `msgctxt` or `msgid`), the first at or after `size`, each
/// next at least `size` bytes on.
fn entry_starts(text: &str, size: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    // Not at `#~`: an obsolete entry starts after the marker, not at the
    // line a fresh reader would start it at.
    let starts_entry = |at: usize| {
        let rest = &bytes[at..];
        (rest.first() == Some(&b'#') && rest.get(1) != Some(&b'~'))
            || rest.starts_with(b"msgid")
            || rest.starts_with(b"msgctxt")
    };
    let mut cuts = Vec::new();
    let mut at = size.max(1);
    while at < bytes.len() {
        // The next blank line ("\n\n" or "\n\r\n") and the line after it.
        let Some(i) = memchr::memchr(b'\n', &bytes[at..]).map(|i| at + i) else {
            break;
        };
        let next = match bytes.get(i + 1..) {
            Some([b'\n', ..]) => i + 2,
            Some([b'\r', b'\n', ..]) => i + 3,
            _ => {
                at = i + 1;
                continue;
            }
        };
        if next < bytes.len() && starts_entry(next) {
            cuts.push(next);
            at = next + size;
        } else {
            at = next;
        }
    }
    cuts
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
    use super::{parse, parse_in_chunks, Lines, Parsed};
    use proptest::prelude::{prop, proptest, Strategy};

    /// The file read in one piece, as before chunks.
    fn whole(text: &str) -> Option<Parsed> {
        let mut lines = Lines::new(0);
        lines.read(text, 0).ok()?;
        Some(lines.finish(text))
    }

    /// One piece of a catalogue: entries in every shape the reader treats
    /// apart, and what makes a cut fall badly (an entry without msgstr, a
    /// comment block cut from its entry by a blank line, an `off` region, a
    /// line outside any entry).
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "#: a.c:1\nmsgid \"Astana\"\nmsgstr \"Астана\"\n\n",
            "msgid \"Baku\"\nmsgstr \"Баку\"\n\n",
            "#, fuzzy\nmsgid \"Kars\"\nmsgstr \"Карс\"\n\n",
            "# termlint: ignore\nmsgctxt \"menu\"\nmsgid \"Nur-Sultan\"\nmsgid_plural \"Nur-Sultans\"\nmsgstr[0] \"Нур-Султан\"\nmsgstr[1] \"\"\n\"Нур-Султаны\"\n\n",
            "#~ msgid \"Old\"\n#~ msgstr \"Нур-Султан\"\n\n",
            "#~| msgid \"Older\"\n",
            "# termlint: off near-miss\n\n",
            "# termlint: on\n\n",
            "# a comment alone\n\n",
            "#, fuzzy\n\n",
            "msgid \"No target\"\n\n",
            "msgid \"Astana\"\r\nmsgstr \"Астана\"\r\n\r\n",
            "msgstr \"stray\"\n\n",
            "\"orphan\"\n\n",
        ])
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(500))]

        /// Read in chunks of any size, a catalogue reads as it reads whole,
        /// or (when it is malformed) is not read in chunks at all, so that
        /// the whole file's reading reports the error.
        #[test]
        fn a_catalogue_read_in_chunks_reads_as_whole(
            pieces in prop::collection::vec(piece(), 0..40),
            size in 1usize..300,
            round in 1usize..5,
        ) {
            let mut po = String::from("msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\n");
            pieces.iter().for_each(|p| po.push_str(p));
            let chunked = parse_in_chunks(&po, size, round);
            proptest::prop_assert!(
                crate::scan::reads_as_whole(chunked.as_ref(), whole(&po).as_ref()),
                "{po}"
            );
        }
    }

    #[test]
    fn a_plain_catalogue_is_read_in_chunks() {
        let mut po = String::from("msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\n");
        for i in 0..2_000 {
            if i % 300 == 0 {
                po.push_str("# termlint: ignore\n");
            }
            po.push_str(&format!(
                "#: a.c:{i}\n{}msgid \"Astana {i}\"\nmsgstr \"Астана {i}\"\n\n",
                if i % 7 == 0 { "#, fuzzy\n" } else { "" }
            ));
        }
        let expected = whole(&po).expect("well-formed");
        assert_eq!(expected.segments.len(), 4_000);
        crate::scan::assert_read_in_chunks(&expected, |size| parse_in_chunks(&po, size, 3));
    }

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
