//! Glossary interchange: term bases from terminology tools (TBX) and
//! spreadsheets (CSV, TSV, UTX) into `glossary.toml`, and back.
//!
//! Every format is read into the same neutral [`Entry`] list and written from
//! it, so importers never write TOML and exporters never read the glossary's
//! internals. Import output is plain glossary text that the caller validates
//! like any other glossary.
//!
//! termlint keys TBX has no data category for (`category`, `case`,
//! `inflect`, `forms`, `near-miss-words`) travel in TBX as notes of the form
//! `termlint: key = value` (a TOML value), which other tools show as ordinary
//! notes and termlint reads back; CSV has a column for each.

mod table;
mod tbx;

use std::fmt::Write as _;
use std::path::Path;

use std::collections::HashSet;

use crate::glossary::{slug, CasePolicy, Category, Glossary, RenderingKind};
use crate::lang::LangTag;

pub use table::Columns;

/// One concept: a term and its renderings in every language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub id: Option<String>,
    pub category: Option<Category>,
    /// Notes, definitions and sources, in document order.
    pub notes: Vec<String>,
    pub case: Option<CasePolicy>,
    pub inflect: Option<bool>,
    pub near_miss_words: Option<bool>,
    pub forms: Vec<String>,
    /// Languages in the order first seen.
    pub languages: Vec<(LangTag, Names)>,
}

/// The renderings of one concept in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub preferred: Option<String>,
    pub accepted: Vec<String>,
    pub forbidden: Vec<String>,
}

impl Names {
    fn is_empty(&self) -> bool {
        self.preferred.is_none() && self.accepted.is_empty() && self.forbidden.is_empty()
    }
}

impl Entry {
    /// The names in `lang`, added at the end if new.
    fn names(&mut self, lang: LangTag) -> &mut Names {
        let i = match self.languages.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                self.languages.push((lang, Names::default()));
                self.languages.len() - 1
            }
        };
        &mut self.languages[i].1
    }

    fn is_empty(&self) -> bool {
        self.languages.iter().all(|(_, n)| n.is_empty())
    }

    /// Reads a `termlint: key = value` note into the entry. Returns false
    /// when the note is not one (it is then kept as an ordinary note).
    fn setting(&mut self, note: &str) -> bool {
        let Some(rest) = note.strip_prefix("termlint:") else {
            return false;
        };
        let Ok(table) = rest.trim().parse::<toml::Table>() else {
            return false;
        };
        let mut all = true;
        for (key, value) in table {
            match (key.as_str(), value) {
                ("category", toml::Value::String(s)) => match Category::parse(&s) {
                    Some(c) => self.category = Some(c),
                    None => all = false,
                },
                ("case", toml::Value::String(s)) => match CasePolicy::parse(&s) {
                    Some(c) => self.case = Some(c),
                    None => all = false,
                },
                ("inflect", toml::Value::Boolean(b)) => self.inflect = Some(b),
                ("near-miss-words", toml::Value::Boolean(b)) => self.near_miss_words = Some(b),
                ("forms", toml::Value::Array(a)) => self
                    .forms
                    .extend(a.into_iter().filter_map(|v| v.as_str().map(str::to_owned))),
                _ => all = false,
            }
        }
        all
    }

    /// The `termlint: key = value` notes that carry this entry's settings.
    fn settings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(c) = self.category {
            out.push(format!("termlint: category = {}", quote(c.as_str())));
        }
        if self.case == Some(CasePolicy::Ignore) {
            out.push("termlint: case = \"ignore\"".to_owned());
        }
        if self.inflect == Some(false) {
            out.push("termlint: inflect = false".to_owned());
        }
        if self.near_miss_words == Some(true) {
            out.push("termlint: near-miss-words = true".to_owned());
        }
        if !self.forms.is_empty() {
            let forms: Vec<String> = self.forms.iter().map(|f| quote(f)).collect();
            out.push(format!("termlint: forms = [{}]", forms.join(", ")));
        }
        out
    }
}

/// What an import produced.
#[derive(Debug, Default)]
pub struct Imported {
    /// The term base's own source language, if it names one.
    pub language: Option<LangTag>,
    pub entries: Vec<Entry>,
    /// What was read but could not be kept, for the user: each names where.
    pub warnings: Vec<String>,
}

/// A file that could not be imported, with where.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    At {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    File { path: String, message: String },
}

/// The formats `glossary import` reads and `glossary export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tbx,
    Csv,
    Tsv,
}

impl Format {
    /// From the extension; `None` leaves it to the content.
    fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tbx" | "xml" => Some(Format::Tbx),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" | "utx" | "txt" => Some(Format::Tsv),
            _ => None,
        }
    }
}

/// Reads a term base. `columns` names the columns of a CSV/TSV file or
/// spreadsheet that has no header row; `delimiter` is a CSV file's
/// (sniffed when `None`).
pub fn import(
    path: &Path,
    columns: Option<&Columns>,
    delimiter: Option<u8>,
) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let spreadsheet = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str())
    });
    if spreadsheet {
        let rows = spreadsheet_rows(path, &name)?;
        return table::from_rows(rows, &name, columns.cloned(), None);
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: name.clone(),
        source,
    })?;
    let (text, charset) = decode(&bytes, &name)?;
    let format = Format::of(path).unwrap_or_else(|| {
        if text.trim_start().starts_with('<') {
            Format::Tbx
        } else if text.lines().next().is_some_and(|l| l.contains('\t')) {
            Format::Tsv
        } else {
            Format::Csv
        }
    });
    let mut imported = match format {
        Format::Tbx => tbx::read(&text, &name),
        Format::Csv => table::read(&text, &name, delimiter, columns),
        Format::Tsv => table::read(&text, &name, delimiter.or(Some(b'\t')), columns),
    }?;
    if let Some(charset) = charset {
        imported.warnings.insert(
            0,
            format!("{name}: read as {charset} (detected: it is not UTF-8, as spreadsheet programs save CSV in many locales); check the names below"),
        );
    }
    Ok(imported)
}

/// The first sheet's rows, each cell as the spreadsheet shows it, numbered
/// as the spreadsheet numbers them.
fn spreadsheet_rows(path: &Path, name: &str) -> Result<Vec<table::Row>, ImportError> {
    use calamine::Reader;
    let file = |message: String| ImportError::File {
        path: name.to_owned(),
        message,
    };
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| file(format!("cannot read the spreadsheet: {e}")))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| file("the spreadsheet has no sheet".to_owned()))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| file(format!("cannot read sheet `{sheet}`: {e}")))?;
    let first = range.start().map_or(0, |(row, _)| row as usize);
    // Cells left of the used range are empty columns the header counts.
    let left = range.start().map_or(0, |(_, col)| col as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = vec![String::new(); left];
            row.extend(cells.iter().map(ToString::to_string));
            (first + i + 1, row)
        })
        .collect())
}

/// UTF-8 (a BOM is dropped), UTF-16 with a BOM, as Windows tools write,
/// or a legacy charset detected from the text (Excel saves CSV in the
/// system's code page: Windows-1251 on a Russian Windows), named in the
/// second value.
fn decode(bytes: &[u8], path: &str) -> Result<(String, Option<&'static str>), ImportError> {
    if std::str::from_utf8(bytes).is_err() && !matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
    {
        if let Some(charset) = crate::encoding::detect(bytes) {
            if let Some(text) = charset.decode(bytes) {
                return Ok((text, Some(charset.name())));
            }
        }
    }
    decode_unicode(bytes, path).map(|text| (text, None))
}

fn decode_unicode(bytes: &[u8], path: &str) -> Result<String, ImportError> {
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ImportError::File {
            path: path.to_owned(),
            message: "invalid UTF-16".to_owned(),
        })
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            String::from_utf8(bytes.to_vec()).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                ImportError::File {
                    path: path.to_owned(),
                    message: format!(
                        "not valid UTF-8 at byte {at}, and its charset could not be told from its text; save the file as UTF-8 (in Excel: CSV UTF-8), or convert it (iconv -f WINDOWS-1251 -t UTF-8)"
                    ),
                }
            })
        }
    }
}

/// The glossary's terms as entries, for export.
pub fn entries(glossary: &Glossary) -> Vec<Entry> {
    glossary
        .terms
        .iter()
        .map(|term| {
            let mut entry = Entry {
                id: Some(term.id.clone()),
                category: Some(term.category),
                notes: term.note.iter().cloned().collect(),
                case: (term.case == CasePolicy::Ignore).then_some(CasePolicy::Ignore),
                inflect: (!term.inflect).then_some(false),
                near_miss_words: term.near_miss_words.then_some(true),
                ..Entry::default()
            };
            for r in &term.renderings {
                match r.kind {
                    RenderingKind::Preferred => {
                        entry.names(r.language.clone()).preferred = Some(r.text.clone());
                    }
                    RenderingKind::Accepted => {
                        entry
                            .names(r.language.clone())
                            .accepted
                            .push(r.text.clone());
                    }
                    RenderingKind::Forbidden => {
                        entry
                            .names(r.language.clone())
                            .forbidden
                            .push(r.text.clone());
                    }
                    // Forms are stored once per language of the term.
                    RenderingKind::Form => {
                        if !entry.forms.contains(&r.text) {
                            entry.forms.push(r.text.clone());
                        }
                    }
                }
            }
            entry
        })
        .collect()
}

/// Writes an export in `format`.
pub fn export(glossary: &Glossary, format: Format) -> String {
    let entries = entries(glossary);
    match format {
        Format::Tbx => tbx::write(&entries, &glossary.default_language),
        Format::Csv => table::write(&entries, b','),
        Format::Tsv => table::write(&entries, b'\t'),
    }
}

/// The import as `glossary.toml` text. `source` names the file in a comment.
pub fn to_toml(imported: &Imported, source: &str) -> String {
    let mut out = format!("# Imported by termlint from {source}.\nversion = 1\n");
    if let Some(lang) = &imported.language {
        let _ = write!(out, "\n[defaults]\nlanguage = {}\n", quote(lang.as_str()));
    }
    let ids = ids(&imported.entries);
    for (e, id) in imported.entries.iter().zip(&ids) {
        out.push_str("\n[[term]]\n");
        if !id.is_empty() {
            let _ = writeln!(out, "id = {}", quote(id));
        }
        let category = e.category.unwrap_or(Category::Other);
        let _ = writeln!(out, "category = {}", quote(category.as_str()));
        if !e.notes.is_empty() {
            let _ = writeln!(out, "note = {}", quote(&e.notes.join("\n")));
        }
        if let Some(CasePolicy::Ignore) = e.case {
            out.push_str("case = \"ignore\"\n");
        }
        if let Some(inflect) = e.inflect {
            let _ = writeln!(out, "inflect = {inflect}");
        }
        if let Some(words) = e.near_miss_words {
            let _ = writeln!(out, "near-miss-words = {words}");
        }
        if !e.forms.is_empty() {
            let _ = writeln!(out, "forms = {}", list(&e.forms));
        }
        for (lang, names) in &e.languages {
            if names.is_empty() {
                continue;
            }
            let _ = write!(out, "{} = ", lang.glossary_key());
            match names {
                Names {
                    preferred: Some(p),
                    accepted,
                    forbidden,
                } if accepted.is_empty() && forbidden.is_empty() => {
                    let _ = writeln!(out, "{}", quote(p));
                }
                _ => {
                    let mut parts = Vec::new();
                    if let Some(p) = &names.preferred {
                        parts.push(format!("preferred = {}", quote(p)));
                    }
                    if !names.accepted.is_empty() {
                        parts.push(format!("accepted = {}", list(&names.accepted)));
                    }
                    if !names.forbidden.is_empty() {
                        parts.push(format!("forbidden = {}", list(&names.forbidden)));
                    }
                    let _ = writeln!(out, "{{ {} }}", parts.join(", "));
                }
            }
        }
    }
    out
}

/// Every entry's id: its own, else a slug of its first rendering, made
/// unique with `-2`, `-3`… (term bases name many concepts alike once
/// folded: "A wave" and "a-wave").
fn ids(entries: &[Entry]) -> Vec<String> {
    let mut taken: HashSet<String> = entries.iter().filter_map(|e| e.id.clone()).collect();
    entries
        .iter()
        .map(|e| {
            if let Some(id) = &e.id {
                return id.clone();
            }
            let first = e.languages.iter().find_map(|(_, n)| {
                n.preferred
                    .iter()
                    .chain(&n.accepted)
                    .chain(&n.forbidden)
                    .next()
            });
            let base = first.map(|t| slug(t)).unwrap_or_default();
            let base = if base.is_empty() {
                "term".to_owned()
            } else {
                base
            };
            let mut id = base.clone();
            let mut n = 1;
            while !taken.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A TOML basic string.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Collapses runs of white space (TBX notes are often indented over lines).
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sorts one term's statuses into names: the first preferred stays
/// preferred and later ones are accepted; a language with no preferred
/// name takes its first name without a status as preferred.
fn place(names: &mut Names, text: String, status: Option<Status>) {
    let all = || {
        names
            .preferred
            .iter()
            .chain(&names.accepted)
            .chain(&names.forbidden)
    };
    if text.is_empty() || all().any(|t| *t == text) {
        return;
    }
    match status {
        Some(Status::Preferred) | None if names.preferred.is_none() => {
            names.preferred = Some(text);
        }
        Some(Status::Preferred | Status::Admitted) | None => names.accepted.push(text),
        Some(Status::Forbidden) => names.forbidden.push(text),
    }
}

/// TBX administrative status, as termlint reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Preferred,
    Admitted,
    Forbidden,
}

impl Status {
    fn parse(s: &str) -> Option<Status> {
        match s.trim() {
            "preferredTerm-admn-sts" | "preferred" => Some(Status::Preferred),
            "admittedTerm-admn-sts" | "admitted" => Some(Status::Admitted),
            "deprecatedTerm-admn-sts" | "supersededTerm-admn-sts" | "deprecated" | "superseded" => {
                Some(Status::Forbidden)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{place, quote, Entry, Names, Status};

    #[test]
    fn statuses_sort_into_names() {
        let mut n = Names::default();
        place(&mut n, "b".into(), Some(Status::Admitted));
        place(&mut n, "a".into(), None);
        place(&mut n, "c".into(), Some(Status::Preferred));
        place(&mut n, "d".into(), Some(Status::Forbidden));
        place(&mut n, "a".into(), Some(Status::Forbidden));
        assert_eq!(n.preferred.as_deref(), Some("a"));
        assert_eq!(n.accepted, ["b", "c"]);
        assert_eq!(n.forbidden, ["d"]);
    }

    #[test]
    fn settings_notes_round_trip() {
        let mut e = Entry::default();
        assert!(e.setting("termlint: category = \"place\""));
        assert!(e.setting("termlint: case = \"ignore\""));
        assert!(e.setting("termlint: forms = [\"Astanas\", \"a \\\"b\\\"\"]"));
        assert!(!e.setting("termlint: colour = \"red\""));
        assert!(!e.setting("termlint is great"));
        let again = {
            let mut x = Entry::default();
            for s in e.settings() {
                assert!(x.setting(&s), "{s}");
            }
            x
        };
        assert_eq!(again.forms, ["Astanas", "a \"b\""]);
        assert_eq!(again.category, e.category);
        assert_eq!(quote("a\"\\\n"), "\"a\\\"\\\\\\n\"");
    }
}
