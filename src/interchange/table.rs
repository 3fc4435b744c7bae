//! Spreadsheet glossaries: CSV, TSV and UTX (AAMT's tab-separated term
//! lists).
//!
//! The first row names the columns: a language tag (`en`, `ru`, `uz-Latn`)
//! holds the preferred rendering; `accepted:<tag>` and `forbidden:<tag>`
//! hold other renderings, several in one cell separated by `|` (a literal
//! `|` or `\` is written `\|` or `\\`); `id`, `category`, `note`, `case`,
//! `inflect`, `near-miss-words` and `forms` (`|`-separated) set the term's
//! keys. A file without a header row gets one from `--columns en,ru,note`.
//!
//! UTX files are read as their header says: the `#UTX…; en-US/ja-JP` line
//! gives the languages of the `src` and `tgt` columns, `comment` is a note,
//! other UTX columns (part of speech, …) are not terminology termlint uses.

use super::{place, Entry, ImportError, Imported, Names, Status};
use crate::glossary::{CasePolicy, Category};
use crate::lang::LangTag;
use crate::normalize::fold_key;

/// What one column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Column {
    Id,
    Category,
    Note,
    Case,
    Inflect,
    NearMissWords,
    Forms,
    Preferred(LangTag),
    Accepted(LangTag),
    Forbidden(LangTag),
    /// Read and not used (UTX attributes).
    Skip,
}

/// The columns of a file, from its header row or `--columns`.
#[derive(Debug, Clone)]
pub struct Columns(Vec<Column>);

impl Columns {
    /// Parses names such as `en`, `forbidden:ru`, `note`; an error names the
    /// first that is none of these.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Columns, String> {
        let mut out = Vec::new();
        for (i, raw) in names.into_iter().enumerate() {
            let name = raw.trim();
            let lang = |s: &str| {
                LangTag::parse(s).ok_or_else(|| {
                    format!(
                        "column {}: `{raw}` is not a language tag such as `en` or `uz-Latn`, nor one of id, category, note, case, inflect, near-miss-words, forms, accepted:<tag>, forbidden:<tag>",
                        i + 1
                    )
                })
            };
            out.push(match name {
                "id" => Column::Id,
                "category" => Column::Category,
                "note" | "comment" => Column::Note,
                "case" => Column::Case,
                "inflect" => Column::Inflect,
                "near-miss-words" => Column::NearMissWords,
                "forms" => Column::Forms,
                _ => match name.split_once(':') {
                    Some(("accepted", tag)) => Column::Accepted(lang(tag)?),
                    Some(("forbidden", tag)) => Column::Forbidden(lang(tag)?),
                    Some(("preferred", tag)) => Column::Preferred(lang(tag)?),
                    _ => Column::Preferred(lang(name)?),
                },
            });
        }
        if !out.iter().any(|c| {
            matches!(
                c,
                Column::Preferred(_) | Column::Accepted(_) | Column::Forbidden(_)
            )
        }) {
            return Err("no column names a language".to_owned());
        }
        Ok(Columns(out))
    }
}

/// One row of a table: its line (or spreadsheet row) number and cells.
pub(super) type Row = (usize, Vec<String>);

/// A CSV, TSV or UTX file's rows. `delimiter` `None` is sniffed from the
/// first line: comma, semicolon (Excel's CSV where the decimal separator
/// is a comma) or tab.
pub(super) fn read(
    text: &str,
    path: &str,
    delimiter: Option<u8>,
    columns: Option<&Columns>,
) -> Result<Imported, ImportError> {
    let (body, utx) = utx_header(text, path)?;
    let delimiter = delimiter.unwrap_or_else(|| if utx.is_some() { b'\t' } else { sniff(body) });
    // Lines before the body (UTX's `#` header) still count for positions.
    let skipped_lines = text[..text.len() - body.len()].matches('\n').count();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        // UTX does not quote: a `"` in a UTX term is text.
        .quoting(!text.starts_with("#UTX"))
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::At {
            path: path.to_owned(),
            line: e.position().map_or(1, |p| p.line() as usize) + skipped_lines,
            column: 1,
            message: e.to_string(),
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize) + skipped_lines;
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    let mut columns = columns.cloned();
    let mut language = None;
    if let Some((source, target, header)) = &utx {
        let names: Vec<Column> = header
            .iter()
            .map(|h| match h.as_str() {
                "src" => Column::Preferred(source.clone()),
                "tgt" => Column::Preferred(target.clone()),
                "comment" => Column::Note,
                _ => Column::Skip,
            })
            .collect();
        language = Some(source.clone());
        columns = Some(Columns(names));
    }
    let mut out = from_rows(rows, path, columns, Some(delimiter))?;
    if language.is_some() {
        out.language = language;
    }
    Ok(out)
}

/// The delimiter of a CSV file: the most frequent of comma, semicolon and
/// tab in its first line, outside quotes (comma on a tie).
fn sniff(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// The cells a spreadsheet's export names its columns with, when they are
/// not termlint's own names: language names in English or their own
/// language ("English", "Русский"), with a region ("English (United
/// States)", memoQ's "English_United_States"), and memoQ's definition
/// columns ("English_Def") as notes.
fn header_columns(cells: &[String]) -> Option<Columns> {
    let mut out = Vec::new();
    for cell in cells {
        let cell = cell.trim();
        if cell.is_empty() {
            out.push(Column::Skip);
            continue;
        }
        if let Ok(Columns(parsed)) = Columns::parse([cell]) {
            out.extend(parsed);
            continue;
        }
        let lower = cell.to_lowercase();
        if [
            "note",
            "notes",
            "comment",
            "comments",
            "definition",
            "context",
        ]
        .contains(&lower.as_str())
        {
            out.push(Column::Note);
            continue;
        }
        let bare = cell.split(['(', '_']).next().unwrap_or(cell).trim();
        let tag = crate::langnames::language(bare).and_then(LangTag::parse)?;
        let note = ["_def", " definition", "_definition", " note"]
            .iter()
            .any(|end| lower.ends_with(end));
        out.push(if note {
            Column::Note
        } else {
            Column::Preferred(tag)
        });
    }
    out.iter()
        .any(|c| matches!(c, Column::Preferred(_)))
        .then_some(Columns(out))
}

/// The entries of a table's rows: the first names the columns unless
/// `columns` does.
// Kept whole: the row loop; the checks it calls are split out, what stays is the order they run in.
pub(super) fn from_rows(
    rows: Vec<Row>,
    path: &str,
    columns: Option<Columns>,
    delimiter: Option<u8>,
) -> Result<Imported, ImportError> {
    let mut out = Imported::default();
    let mut columns = columns;
    let error = |line: usize, column: usize, message: String| ImportError::At {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let mut claimed = std::collections::HashMap::new();
    let mut merged = 0usize;
    for (index, (line, record)) in rows.into_iter().enumerate() {
        let Some(cols) = &columns else {
            let parsed = Columns::parse(record.iter().map(String::as_str))
                .or_else(|m| header_columns(&record).ok_or(m))
                .map_err(|m| {
                    error(
                        line,
                        1,
                        format!("the first row must name the columns ({m}); for a file without a header, give them with --columns, e.g. --columns en,fr,note"),
                    )
                })?;
            out.language = parsed.0.iter().find_map(|c| match c {
                Column::Preferred(l) => Some(l.clone()),
                _ => None,
            });
            columns = Some(parsed);
            continue;
        };
        // With --columns, a header row the export wrote anyway is not a
        // term ("English,Russian" for `--columns en,ru`).
        if index == 0 && names_same_languages(&record, cols) {
            out.warnings.push(format!(
                "{path}:{line}: the first row names the columns ({}); read as a header, not a term",
                record.join(", ")
            ));
            continue;
        }
        if let Some(message) = split_by_another(&record, cols, delimiter) {
            return Err(error(line, 1, message));
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let entry = entry_of(cols, &record, (path, line), &mut out.warnings);
        if entry.is_empty() {
            out.warnings
                .push(format!("{path}:{line}: skipped a row with no renderings"));
        } else {
            merged += usize::from(merge(
                &mut out.entries,
                &mut claimed,
                entry,
                line,
                &mut |text, lang, claim| {
                    let first = claim.line;
                    let other = if claim.text == text {
                        String::new()
                    } else {
                        format!(" (as \"{}\", which termlint matches alike)", claim.text)
                    };
                    out.warnings.push(format!(
                        "{path}:{line}: \"{text}\" ({lang}) already names the term of line {first}{other}; left out of this row's term"
                    ));
                },
            ));
        }
    }
    if columns.is_none() {
        return Err(ImportError::File {
            path: path.to_owned(),
            message: "the file is empty: no header row naming the columns".to_owned(),
        });
    }
    if merged > 0 {
        out.warnings.push(format!(
            "{path}: {} a rendering with an earlier row and {} merged into it, as accepted alternatives",
            if merged == 1 { "1 row shares" } else { "rows share" }.replace("rows", &format!("{merged} rows")),
            if merged == 1 { "was" } else { "were" }
        ));
    }
    Ok(out)
}

/// Whether `record` is a header naming the same languages as `cols`.
fn names_same_languages(record: &[String], cols: &Columns) -> bool {
    let languages = |c: &Columns| -> Vec<LangTag> {
        c.0.iter()
            .filter_map(|c| match c {
                Column::Preferred(l) | Column::Accepted(l) | Column::Forbidden(l) => {
                    Some(l.clone())
                }
                _ => None,
            })
            .collect()
    };
    header_columns(record).is_some_and(|named| languages(&named) == languages(cols))
}

/// What is wrong when a row is one cell where several columns are
/// expected, and that cell holds another delimiter: the file is split by
/// that one ("Astana;Астана" read with commas). A row that merely ends
/// early (UTX leaves trailing cells out) with a comma in a name
/// ("2,3-diphosphoglycerate") is not.
fn split_by_another(record: &[String], cols: &Columns, delimiter: Option<u8>) -> Option<String> {
    if record.len() != 1 || cols.0.len() <= 1 {
        return None;
    }
    let d = delimiter?;
    let (o, cell) = [b',', b';', b'\t']
        .into_iter()
        .filter(|&o| o != d)
        .find_map(|o| {
            record
                .iter()
                .find(|c| c.as_bytes().contains(&o))
                .map(|c| (o, c))
        })?;
    let shown = if o == b'\t' {
        "tab".to_owned()
    } else {
        format!("`{}`", o as char)
    };
    let flag = if o == b'\t' {
        "tab".to_owned()
    } else {
        format!("'{}'", o as char)
    };
    Some(format!(
        "this row has {} for {} columns, and \"{cell}\" holds a {shown}: the file looks separated by {shown}, not {}; pass --delimiter {flag}",
        match record.len() {
            1 => "1 cell".to_owned(),
            n => format!("{n} cells"),
        },
        cols.0.len(),
        if d == b'\t' { "tab".to_owned() } else { format!("`{}`", d as char) }
    ))
}

/// The entry one row describes; a cell that is not what its column takes
/// is left out with a warning.
fn entry_of(
    cols: &Columns,
    record: &[String],
    (path, line): (&str, usize),
    warnings: &mut Vec<String>,
) -> Entry {
    let mut entry = Entry::default();
    for (col, cell) in cols.0.iter().zip(record.iter()) {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        let bad = |what: &str| format!("{path}:{line}: `{cell}` is not {what}; left out");
        match col {
            Column::Id => entry.id = Some(cell.to_owned()),
            Column::Category => match Category::parse(cell) {
                Some(c) => entry.category = Some(c),
                None => entry.notes.push(format!("category: {cell}")),
            },
            Column::Note => entry.notes.push(cell.to_owned()),
            Column::Case => match CasePolicy::parse(cell) {
                Some(c) => entry.case = Some(c),
                None => warnings.push(bad("a case (exact or ignore)")),
            },
            Column::Inflect => match boolean(cell) {
                Some(b) => entry.inflect = Some(b),
                None => warnings.push(bad("true or false")),
            },
            Column::NearMissWords => match boolean(cell) {
                Some(b) => entry.near_miss_words = Some(b),
                None => warnings.push(bad("true or false")),
            },
            Column::Forms => entry.forms.extend(split(cell)),
            Column::Preferred(lang) => {
                for (i, text) in split(cell).into_iter().enumerate() {
                    let status = if i == 0 {
                        Status::Preferred
                    } else {
                        Status::Admitted
                    };
                    place(entry.names(lang.clone()), text, Some(status));
                }
            }
            Column::Accepted(lang) => {
                for text in split(cell) {
                    place(entry.names(lang.clone()), text, Some(Status::Admitted));
                }
            }
            Column::Forbidden(lang) => {
                for text in split(cell) {
                    place(entry.names(lang.clone()), text, Some(Status::Forbidden));
                }
            }
            Column::Skip => {}
        }
    }
    entry
}

/// Adds a row's entry, or merges it into the earlier entry that already
/// claims one of its renderings: in a bilingual list, rows that share a
/// rendering are synonyms of one concept ("1/3ER mean" and "1/3 ER mean"
/// with one Japanese term). Returns whether it merged.
// Kept whole: one decision per rendering of the row (new, merged or refused); they share the
// claims made so far.
fn merge(
    entries: &mut Vec<Entry>,
    claimed: &mut std::collections::HashMap<(LangTag, String), Claim>,
    mut entry: Entry,
    line: usize,
    conflict: &mut dyn FnMut(&str, &LangTag, &Claim),
) -> bool {
    let renderings = |e: &Entry| -> Vec<(LangTag, String)> {
        e.languages
            .iter()
            .flat_map(|(l, n)| {
                n.preferred
                    .iter()
                    .chain(&n.accepted)
                    .chain(&n.forbidden)
                    .map(move |t| (l.clone(), t.clone()))
            })
            .collect()
    };
    // Keys fold as the glossary's do: "A wave" and "a wave" are one name
    // to termlint, so they cannot name two terms.
    let key = |(lang, text): &(LangTag, String)| (lang.clone(), fold_key(text));
    let mine = renderings(&entry);
    let target = mine
        .iter()
        .find_map(|k| claimed.get(&key(k)))
        .map(|c| c.entry);
    // A rendering can name one term only: drop those another entry already
    // has (a row linking two earlier concepts), and variants that fold like
    // a different rendering of the target.
    for k in &mine {
        if let Some(c) = claimed.get(&key(k)) {
            if Some(c.entry) != target || c.text != k.1 {
                conflict(&k.1, &k.0, c);
                remove(&mut entry, &k.0, &k.1);
            }
        }
    }
    if entry.is_empty() {
        return false;
    }
    let mine = renderings(&entry);
    let Some(into) = target else {
        for k in mine {
            let claim = Claim {
                entry: entries.len(),
                line,
                text: k.1.clone(),
            };
            claimed.insert(key(&k), claim);
        }
        entries.push(entry);
        return false;
    };
    let target = &mut entries[into];
    for (lang, names) in entry.languages {
        let to = target.names(lang);
        for text in names.preferred.into_iter().chain(names.accepted) {
            place(to, text, Some(Status::Admitted));
        }
        for text in names.forbidden {
            place(to, text, Some(Status::Forbidden));
        }
    }
    for note in entry.notes {
        if !target.notes.contains(&note) {
            target.notes.push(note);
        }
    }
    target.id = target.id.take().or(entry.id);
    target.category = target.category.or(entry.category);
    for k in mine {
        let text = k.1.clone();
        claimed.entry(key(&k)).or_insert(Claim {
            entry: into,
            line,
            text,
        });
    }
    true
}

/// Which entry a folded rendering belongs to, the row that gave it, and
/// the rendering as written there.
struct Claim {
    entry: usize,
    line: usize,
    text: String,
}

fn remove(entry: &mut Entry, lang: &LangTag, text: &str) {
    for (l, names) in &mut entry.languages {
        if l != lang {
            continue;
        }
        if names.preferred.as_deref() == Some(text) {
            names.preferred = None;
        }
        names.accepted.retain(|t| t != text);
        names.forbidden.retain(|t| t != text);
    }
}

/// Splits a UTX file into its body and, if it is one, its languages and
/// column names.
type UtxHeader = (LangTag, LangTag, Vec<String>);

fn utx_header<'t>(text: &'t str, path: &str) -> Result<(&'t str, Option<UtxHeader>), ImportError> {
    if !text.starts_with("#UTX") {
        return Ok((text, None));
    }
    let first = text.lines().next().unwrap_or("");
    let pair = first
        .split(';')
        .map(str::trim)
        .find_map(|part| {
            let (s, t) = part.split_once('/')?;
            Some((LangTag::parse(s.trim())?, LangTag::parse(t.trim())?))
        })
        .ok_or_else(|| ImportError::At {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "the UTX header names no language pair such as `en-US/ja-JP`".to_owned(),
        })?;
    let mut rest = text;
    let mut header = None;
    while let Some(line) = rest.strip_prefix('#') {
        let (this, next) = line.split_once('\n').unwrap_or((line, ""));
        let this = this.trim_end_matches('\r');
        if this.starts_with("src\t") || this == "src" {
            header = Some(this.split('\t').map(str::to_owned).collect());
        }
        rest = next;
    }
    let header = header.ok_or_else(|| ImportError::At {
        path: path.to_owned(),
        line: 1,
        column: 1,
        message: "the UTX header has no `#src<TAB>tgt…` column line".to_owned(),
    })?;
    Ok((rest, Some((pair.0, pair.1, header))))
}

fn boolean(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// Splits a cell at `|`, honouring `\|` and `\\`.
fn split(cell: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('|' | '\\')) => out.last_mut().map_or((), |s| s.push(n)),
                Some(n) => out.last_mut().map_or((), |s| {
                    s.push('\\');
                    s.push(n);
                }),
                None => out.last_mut().map_or((), |s| s.push('\\')),
            },
            '|' => out.push(String::new()),
            c => out.last_mut().map_or((), |s| s.push(c)),
        }
    }
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn join(items: &[String]) -> String {
    let escaped: Vec<String> = items
        .iter()
        .map(|s| s.replace('\\', "\\\\").replace('|', "\\|"))
        .collect();
    escaped.join(" | ")
}

/// A CSV (or TSV) with a header row: `id`, `category`, `note`, the
/// languages' preferred renderings, then `accepted:` and `forbidden:`
/// columns, and the term settings columns only when some term uses them.
pub(super) fn write(entries: &[Entry], delimiter: u8) -> String {
    let mut langs: Vec<&LangTag> = Vec::new();
    for (lang, _) in entries.iter().flat_map(|e| &e.languages) {
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    let any = |f: &dyn Fn(&Entry) -> bool| entries.iter().any(f);
    let mut header: Vec<Column> = vec![Column::Id, Column::Category, Column::Note];
    header.extend(langs.iter().map(|&l| Column::Preferred(l.clone())));
    for &l in &langs {
        if any(&|e| names(e, l).is_some_and(|n| !n.accepted.is_empty())) {
            header.push(Column::Accepted(l.clone()));
        }
    }
    for &l in &langs {
        if any(&|e| names(e, l).is_some_and(|n| !n.forbidden.is_empty())) {
            header.push(Column::Forbidden(l.clone()));
        }
    }
    if any(&|e| e.case.is_some()) {
        header.push(Column::Case);
    }
    if any(&|e| e.inflect.is_some()) {
        header.push(Column::Inflect);
    }
    if any(&|e| e.near_miss_words.is_some()) {
        header.push(Column::NearMissWords);
    }
    if any(&|e| !e.forms.is_empty()) {
        header.push(Column::Forms);
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let names_row: Vec<String> = header.iter().map(column_name).collect();
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(&names_row);
    for e in entries {
        let row: Vec<String> = header.iter().map(|c| cell(e, c)).collect();
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn names<'e>(e: &'e Entry, lang: &LangTag) -> Option<&'e Names> {
    e.languages.iter().find(|(l, _)| l == lang).map(|(_, n)| n)
}

fn column_name(c: &Column) -> String {
    match c {
        Column::Id => "id".to_owned(),
        Column::Category => "category".to_owned(),
        Column::Note => "note".to_owned(),
        Column::Case => "case".to_owned(),
        Column::Inflect => "inflect".to_owned(),
        Column::NearMissWords => "near-miss-words".to_owned(),
        Column::Forms => "forms".to_owned(),
        Column::Preferred(l) => l.to_string(),
        Column::Accepted(l) => format!("accepted:{l}"),
        Column::Forbidden(l) => format!("forbidden:{l}"),
        Column::Skip => String::new(),
    }
}

fn cell(e: &Entry, c: &Column) -> String {
    match c {
        Column::Id => e.id.clone().unwrap_or_default(),
        Column::Category => e
            .category
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default(),
        Column::Note => e.notes.join("\n"),
        Column::Case => e.case.map(|c| c.as_str().to_owned()).unwrap_or_default(),
        Column::Inflect => e.inflect.map(|b| b.to_string()).unwrap_or_default(),
        Column::NearMissWords => e.near_miss_words.map(|b| b.to_string()).unwrap_or_default(),
        Column::Forms => join(&e.forms),
        Column::Preferred(l) => names(e, l)
            .and_then(|n| n.preferred.as_ref())
            .map(|p| join(std::slice::from_ref(p)))
            .unwrap_or_default(),
        Column::Accepted(l) => names(e, l).map(|n| join(&n.accepted)).unwrap_or_default(),
        Column::Forbidden(l) => names(e, l).map(|n| join(&n.forbidden)).unwrap_or_default(),
        Column::Skip => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{join, split, Columns};

    #[test]
    fn cells_split_and_join_back() {
        let items = vec!["a|b".to_owned(), "c\\d".to_owned(), "e".to_owned()];
        assert_eq!(split(&join(&items)), items);
        assert_eq!(split(" x | y |"), ["x", "y"]);
    }

    #[test]
    fn columns_name_their_problem() {
        assert!(Columns::parse(["en", "forbidden:ru", "note"]).is_ok());
        let e = Columns::parse(["en", "colour"]).unwrap_err();
        assert!(e.contains("column 2: `colour`"), "{e}");
        assert!(Columns::parse(["note"]).is_err());
    }
}
