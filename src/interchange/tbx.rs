//! TBX (ISO 30042): v2 `<martif>` files (TBX-Basic, the LISA core
//! structure) and v3 `<tbx>` files (TBX-Core, -Min, -Basic), in both DCA
//! style (`<termNote type="administrativeStatus">`) and DCT style
//! (`<min:administrativeStatus>`).
//!
//! The reader keys on element names, not on the dialect: `termEntry` or
//! `conceptEntry` is a term; `langSet`/`langSec` a language; `tig`, `ntig`
//! or `termSec` one rendering with its status and notes. Statuses map as
//! preferred → preferred, admitted → accepted, deprecated and superseded →
//! forbidden. Notes and definitions are kept as the term's note, with a
//! rendering's own notes prefixed by the rendering. Everything else
//! (transactions, grammar, cross-references) is not terminology termlint
//! uses and is skipped. DTD entities are never expanded.
//!
//! The writer produces TBX v3 TBX-Basic in DCA style.

use std::fmt::Write as _;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{place, squeeze, Entry, ImportError, Imported, Status};
use crate::glossary::Category;
use crate::lang::LangTag;
use crate::position::LineIndex;

/// The rendering being read.
#[derive(Default)]
struct TermSection {
    text: String,
    status: Option<Status>,
    notes: Vec<String>,
}

/// Where the reader is: which of the interesting elements are open.
#[derive(Default)]
struct State {
    entry: Option<Entry>,
    /// The entry's line, for warnings.
    entry_line: usize,
    language: Option<LangTag>,
    term: Option<TermSection>,
    /// The element whose text is being collected, and the text.
    field: Option<(Field, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    Note,
    Definition,
    Subject,
}

// Kept whole: one pass of the XML reader over TBX entries; its events share the open entry,
// language set and term.
pub(super) fn read(text: &str, path: &str) -> Result<Imported, ImportError> {
    let lines = LineIndex::new(text);
    let at = |offset: usize, message: String| {
        let p = lines.position(offset.min(text.len()));
        ImportError::At {
            path: path.to_owned(),
            line: p.line,
            column: p.column,
            message,
        }
    };
    // The reader skips a byte-order mark without counting it in its
    // positions: they are shifted past it here.
    let (body, shift) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    let mut reader = Reader::from_str(body);
    reader.config_mut().trim_text(false);
    let mut out = Imported::default();
    let mut state = State::default();
    let mut root_seen = false;
    let mut depth = 0usize;
    loop {
        let start = shift + usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader.read_event().map_err(|e| {
            let offset = usize::try_from(reader.error_position()).map_or(start, |o| shift + o);
            at(offset, format!("not well-formed XML: {e}"))
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if !root_seen {
                    root_seen = true;
                    root(&e, &mut out, |m| at(start, m))?;
                }
                open(&e, &mut state, lines.position(start).line);
            }
            Event::Empty(e) if !root_seen => {
                root_seen = true;
                root(&e, &mut out, |m| at(start, m))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.local_name();
                close(name.as_ref(), &mut state, &mut out, path);
            }
            Event::Text(t) => {
                if let Some((_, buf)) = &mut state.field {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, buf)) = &mut state.field {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let Some((_, buf)) = &mut state.field else {
                    continue;
                };
                let name = r.xml10_content();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => buf.push(c),
                    _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => buf.push_str(s),
                        None => {
                            return Err(at(
                                start,
                                format!("entity `&{name};` is not defined (termlint never expands DTD entities)"),
                            ))
                        }
                    },
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(ImportError::File {
            path: path.to_owned(),
            message: "no XML element: not a TBX file".to_owned(),
        });
    }
    if depth > 0 {
        return Err(ImportError::File {
            path: path.to_owned(),
            message: "the file ends inside an element: it is truncated".to_owned(),
        });
    }
    Ok(out)
}

/// Checks the root element and reads the file's language.
fn root(
    e: &BytesStart<'_>,
    out: &mut Imported,
    err: impl Fn(String) -> ImportError,
) -> Result<(), ImportError> {
    let name = e.local_name();
    let name = name.as_ref().to_owned();
    if name != "martif" && name != "tbx" {
        return Err(err(format!(
            "the root element is <{name}>, not <martif> (TBX v2) or <tbx> (TBX v3)"
        )));
    }
    out.language = attr(e, "xml:lang").and_then(|l| LangTag::parse(&l));
    Ok(())
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
    let raw = a.value.as_ref();
    let value =
        quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_owned(), |v| v.into_owned());
    Some(value.trim().to_owned())
}

fn open(e: &BytesStart<'_>, state: &mut State, line: usize) {
    let name = e.local_name();
    let type_attr = || attr(e, "type");
    match name.as_ref() {
        "termEntry" | "conceptEntry" => {
            state.entry = Some(Entry {
                id: attr(e, "id").filter(|id| !id.is_empty()),
                ..Entry::default()
            });
            state.entry_line = line;
        }
        "langSet" | "langSec" => {
            state.language = attr(e, "xml:lang").and_then(|l| LangTag::parse(&l));
        }
        "tig" | "ntig" | "termSec" => state.term = Some(TermSection::default()),
        "term" if state.term.is_some() => state.field = Some((Field::Term, String::new())),
        "termNote" if type_attr().as_deref() == Some("administrativeStatus") => {
            state.field = Some((Field::Status, String::new()));
        }
        "administrativeStatus" => state.field = Some((Field::Status, String::new())),
        "note" => state.field = Some((Field::Note, String::new())),
        "descrip" => match type_attr().as_deref() {
            Some("definition") => state.field = Some((Field::Definition, String::new())),
            Some("subjectField") => state.field = Some((Field::Subject, String::new())),
            _ => {}
        },
        "definition" => state.field = Some((Field::Definition, String::new())),
        "subjectField" => state.field = Some((Field::Subject, String::new())),
        _ => {}
    }
}

fn close(name: &str, state: &mut State, out: &mut Imported, path: &str) {
    let field_ends = matches!(
        (name, state.field.as_ref().map(|f| f.0)),
        ("term", Some(Field::Term))
            | ("termNote" | "administrativeStatus", Some(Field::Status))
            | ("note", Some(Field::Note))
            | ("descrip" | "definition", Some(Field::Definition))
            | ("descrip" | "subjectField", Some(Field::Subject))
    );
    if field_ends {
        if let Some((field, text)) = state.field.take() {
            finish_field(field, &text, state);
        }
        return;
    }
    match name {
        "tig" | "ntig" | "termSec" => {
            let (Some(term), Some(entry)) = (state.term.take(), state.entry.as_mut()) else {
                return;
            };
            let text = term.text.trim().to_owned();
            match &state.language {
                Some(lang) if !text.is_empty() => {
                    for note in &term.notes {
                        entry.notes.push(format!("{text}: {note}"));
                    }
                    place(entry.names(lang.clone()), text, term.status);
                }
                _ if text.is_empty() => {}
                Some(_) => {}
                None => out.warnings.push(format!(
                    "{path}:{}: skipped \"{text}\": its language section has no usable xml:lang",
                    state.entry_line
                )),
            }
        }
        "langSet" | "langSec" => state.language = None,
        "termEntry" | "conceptEntry" => {
            let Some(entry) = state.entry.take() else {
                return;
            };
            if entry.is_empty() {
                out.warnings.push(format!(
                    "{path}:{}: skipped an entry with no terms",
                    state.entry_line
                ));
            } else {
                out.entries.push(entry);
            }
        }
        _ => {}
    }
}

fn finish_field(field: Field, text: &str, state: &mut State) {
    let text = squeeze(text);
    if text.is_empty() {
        return;
    }
    match (field, state.term.as_mut(), state.entry.as_mut()) {
        (Field::Term, Some(term), _) => term.text = text,
        (Field::Status, Some(term), _) => term.status = Status::parse(&text),
        (Field::Note | Field::Definition, Some(term), _) => term.notes.push(text),
        (Field::Note, None, Some(entry)) => {
            // A `termlint: key = value` note is a setting, not a note.
            let setting = entry.setting(&text);
            if !setting {
                entry.notes.push(text);
            }
        }
        (Field::Definition, None, Some(entry)) => entry.notes.push(text),
        (Field::Subject, _, Some(entry)) => match Category::parse(&text) {
            Some(c) if entry.category.is_none() => entry.category = Some(c),
            _ => entry.notes.push(format!("subject field: {text}")),
        },
        _ => {}
    }
}

/// TBX v3 TBX-Basic, DCA style.
pub(super) fn write(entries: &[Entry], language: &LangTag) -> String {
    // Attributes need quotes escaped; element text only `<`, `>`, `&`.
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let text = |s: &str| quick_xml::escape::partial_escape(s).into_owned();
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{}\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by termlint {} from glossary.toml</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n",
        esc(language.as_str()),
        env!("CARGO_PKG_VERSION")
    );
    for e in entries {
        match &e.id {
            Some(id) => {
                let _ = writeln!(out, "      <conceptEntry id=\"{}\">", esc(id));
            }
            None => out.push_str("      <conceptEntry>\n"),
        }
        // One <note> per line: the reader squeezes white space inside a
        // note and joins notes with line breaks.
        let lines = e.notes.iter().flat_map(|n| n.lines());
        for note in e.settings().iter().map(String::as_str).chain(lines) {
            let _ = writeln!(out, "        <note>{}</note>", text(note));
        }
        for (lang, names) in &e.languages {
            let _ = writeln!(out, "        <langSec xml:lang=\"{}\">", esc(lang.as_str()));
            let statuses = names
                .preferred
                .iter()
                .map(|t| (t, "preferredTerm-admn-sts"))
                .chain(names.accepted.iter().map(|t| (t, "admittedTerm-admn-sts")))
                .chain(
                    names
                        .forbidden
                        .iter()
                        .map(|t| (t, "deprecatedTerm-admn-sts")),
                );
            for (term, status) in statuses {
                let _ = writeln!(
                    out,
                    "          <termSec>\n            <term>{}</term>\n            <termNote type=\"administrativeStatus\">{status}</termNote>\n          </termSec>",
                    text(term)
                );
            }
            out.push_str("        </langSec>\n");
        }
        out.push_str("      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}
