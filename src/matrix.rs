//! `termlint report`: the consistency matrix of each set — terms down,
//! documents across, each cell the forms a document writes, how often, and
//! what is wrong with them — as a terminal table, JSON, CSV, an XLSX
//! workbook, or one self-contained HTML page.
//!
//! A cell shows each form as written ("Астане ×1", never the stem), marked
//! by what the check found on it: forbidden, look-alike (with the odd
//! characters named, since "Astаna" looks exactly like "Astana"), wrong
//! case, near-miss, disagreeing with the set; a translation that leaves out
//! a term its source names is marked missing. A row *disagrees* when
//! documents of one language write the term in different forms (compared
//! by stem, as `cross-document` compares them, so "Астана" and "Астане"
//! agree). The HTML page has no external assets, opens from disk, scrolls
//! sideways on a phone, prints, and can show only the rows with problems.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::check::{FileOutcome, Outcome};
use crate::diagnostic::Finding;
use crate::glossary::{Glossary, RenderingKind};
use crate::rule::Rule;

/// The matrices of every set.
#[derive(Debug, Serialize)]
pub struct Matrix {
    pub sets: Vec<SetMatrix>,
}

#[derive(Debug, Serialize)]
pub struct SetMatrix {
    pub name: String,
    pub documents: Vec<Column>,
    pub terms: Vec<Row>,
    /// What is wrong in the set, by kind.
    pub summary: Summary,
}

/// Counts of a set's problems: forms by mark, missing cells, and rows
/// that disagree.
#[derive(Debug, Default, Serialize, Clone, Copy)]
pub struct Summary {
    pub forbidden: usize,
    pub lookalike: usize,
    pub case: usize,
    pub near_miss: usize,
    pub missing: usize,
    pub disagreeing_rows: usize,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub path: String,
    /// What a table calls it: the file name when names are unique in the
    /// set, else the path.
    pub label: String,
    pub language: String,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub term: String,
    pub name: String,
    /// Per document: the forms it writes, most used first.
    pub cells: Vec<Vec<Cell>>,
    /// Per document: whether it leaves the term out although its source
    /// names it (`missing-translation`).
    pub missing: Vec<bool>,
    pub disagrees: bool,
}

impl Row {
    /// Whether anything in the row is wrong.
    pub fn has_problems(&self) -> bool {
        self.disagrees
            || self.missing.iter().any(|&m| m)
            || self.cells.iter().flatten().any(|c| !c.marks.is_empty())
    }
}

#[derive(Debug, Serialize)]
pub struct Cell {
    /// As the document writes it, ending included.
    pub form: String,
    pub count: usize,
    /// What the check found on this form, in [`Mark`] order.
    pub marks: Vec<Mark>,
    /// Where it occurs (the first [`OCCURRENCES`]).
    pub occurrences: Vec<Occurrence>,
}

/// Occurrences listed per form: enough to find them, few enough to read.
pub const OCCURRENCES: usize = 10;

/// One place a form occurs.
#[derive(Debug, Serialize)]
pub struct Occurrence {
    pub line: usize,
    pub column: usize,
    /// The line, shortened around the form.
    pub text: String,
}

/// What is wrong with a form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Mark {
    Forbidden,
    /// Written with characters that only look like the glossary's: these.
    Lookalike {
        characters: Vec<String>,
    },
    Case,
    NearMiss,
    /// Written otherwise than the set's other documents in its language.
    Disagrees,
}

impl Mark {
    /// The symbol the terminal table and CSV show (readable without
    /// colour).
    fn symbol(&self) -> String {
        match self {
            Mark::Forbidden => "✗ forbidden".to_owned(),
            Mark::Lookalike { characters } => format!("≈ look-alike {}", characters.join(" ")),
            Mark::Case => "Aa case".to_owned(),
            Mark::NearMiss => "~ near-miss".to_owned(),
            Mark::Disagrees => "≠ disagrees".to_owned(),
        }
    }

    fn class(&self) -> &'static str {
        match self {
            Mark::Forbidden => "forbidden",
            Mark::Lookalike { .. } => "lookalike",
            Mark::Case => "case",
            Mark::NearMiss => "near-miss",
            Mark::Disagrees => "disagrees",
        }
    }

    fn of(rule: Rule) -> Option<Mark> {
        Some(match rule {
            Rule::Forbidden => Mark::Forbidden,
            Rule::Lookalike => Mark::Lookalike {
                characters: Vec::new(),
            },
            Rule::Case => Mark::Case,
            Rule::NearMiss => Mark::NearMiss,
            Rule::CrossDocument => Mark::Disagrees,
            _ => return None,
        })
    }
}

/// The legend, as the terminal and CSV show it.
pub const LEGEND: &str = "marks: ✗ forbidden · ≈ look-alike (odd characters named) · Aa wrong case · ~ near-miss · ≠ disagrees with the set · — missing (the source names it)";

impl Matrix {
    pub fn build(glossary: &Glossary, outcome: &Outcome) -> Matrix {
        let sets = outcome
            .sets
            .iter()
            .map(|(name, members)| set_matrix(glossary, outcome, name, members))
            .collect();
        Matrix { sets }
    }
}

/// What a document writes for a term, by form as written.
#[derive(Default)]
struct Uses {
    count: usize,
    /// The form as `cross-document` compares it (`rules::compared_form`).
    stem: String,
    marks: BTreeSet<Mark>,
    places: Vec<std::ops::Range<usize>>,
}

// Kept whole: gathers a set's members and hands each part to Member and Columns; what stays is the
// order.
fn set_matrix(glossary: &Glossary, outcome: &Outcome, name: &str, members: &[usize]) -> SetMatrix {
    let ids: HashMap<&str, usize> = glossary
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut documents = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut uses: UsesByTerm = BTreeMap::new();
    let mut missing: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &i in members {
        let report = &outcome.files[i];
        let FileOutcome::Checked {
            set: Some(data),
            findings,
            ..
        } = &report.outcome
        else {
            continue;
        };
        let column = documents.len();
        documents.push(Column {
            path: report.path.clone(),
            label: report
                .path
                .rsplit('/')
                .next()
                .unwrap_or(&report.path)
                .to_owned(),
            language: data.language.to_string(),
        });
        texts.push(&data.text);
        let member = Member {
            glossary,
            ids: &ids,
            column,
            data,
            findings,
        };
        member.add_uses(&mut uses, &mut missing);
    }
    let mut labels: Vec<&str> = documents.iter().map(|d| d.label.as_str()).collect();
    labels.sort_unstable();
    if labels.windows(2).any(|w| w[0] == w[1]) {
        documents
            .iter_mut()
            .for_each(|d| d.label.clone_from(&d.path));
    }
    // One line index per document, for the occurrences of every form.
    let indexes: Vec<crate::position::LineIndex<'_>> = texts
        .iter()
        .map(|t| crate::position::LineIndex::new(t))
        .collect();
    let mut summary = Summary::default();
    let columns = Columns {
        documents: &documents,
        texts: &texts,
        indexes: &indexes,
        missing: &missing,
    };
    let terms: Vec<Row> = uses
        .into_iter()
        .map(|(t, by_doc)| columns.row(glossary, t, &by_doc, &mut summary))
        .collect();
    SetMatrix {
        name: name.to_owned(),
        documents,
        terms,
        summary,
    }
}

/// One member of a set, as its uses of names are gathered.
struct Member<'a> {
    glossary: &'a Glossary,
    ids: &'a HashMap<&'a str, usize>,
    column: usize,
    data: &'a crate::check::SetData,
    findings: &'a [Finding],
}

impl Member<'_> {
    /// Adds this member's uses of each term (its matches, and the forms of
    /// its near-misses) to `uses`, and the terms it lacks to `missing`.
    // Kept whole: one member's matches and findings, read together so a name inside a near-miss is
    // not counted twice.
    fn add_uses(&self, uses: &mut UsesByTerm, missing: &mut BTreeSet<(usize, usize)>) {
        let Member {
            glossary,
            ids,
            column,
            data,
            findings,
        } = *self;
        let mut sorted: Vec<&Finding> = findings.iter().collect();
        sorted.sort_by_key(|f| f.range.start);
        let on = |range: &std::ops::Range<usize>| -> Vec<&Finding> {
            let from = sorted.partition_point(|f| f.range.end <= range.start);
            sorted[from..]
                .iter()
                .take_while(|f| f.range.start < range.end)
                .copied()
                .collect()
        };
        let written = |range: &std::ops::Range<usize>| {
            data.text[range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for m in &data.matches {
            let rendering = &glossary.terms[m.term].renderings[m.rendering_index()];
            if rendering.kind == RenderingKind::Form {
                continue;
            }
            // A name inside a misspelt longer one ("Sudán" in "Sudán del
            // Sru") is part of that near-miss, not a mention of its own.
            let part_of_near_miss = on(&m.range).iter().any(|f| {
                f.rule == Rule::NearMiss
                    && ids.get(f.term()) != Some(&m.term)
                    && f.range.start <= m.range.start
                    && m.range.end <= f.range.end
            });
            if part_of_near_miss {
                continue;
            }
            let form = written(&m.range);
            let compared = crate::rules::compared_form(glossary, &data.text, m);
            let entry = use_of(uses, m.term, column, &form, compared, &m.range);
            for f in on(&m.range) {
                if let Some(mut mark) = Mark::of(f.rule) {
                    if let Mark::Lookalike { characters } = &mut mark {
                        // As written: `form` has its spaces collapsed.
                        let raw = &data.text[m.range.clone()];
                        *characters = odd_characters(raw, glossary, m.term, &data.language);
                    }
                    entry.marks.insert(mark);
                }
            }
        }
        // Near-misses are not matches: their forms join the term's row.
        for f in findings {
            let Some(&t) = ids.get(f.term()) else {
                continue;
            };
            match f.rule {
                Rule::NearMiss => {
                    let form = written(&f.range);
                    use_of(uses, t, column, &form, form.clone(), &f.range)
                        .marks
                        .insert(Mark::NearMiss);
                }
                Rule::MissingTranslation => {
                    missing.insert((t, column));
                    uses.entry(t).or_default();
                }
                _ => {}
            }
        }
    }
}

/// The columns of a set's matrix, as its rows are made.
struct Columns<'a> {
    documents: &'a [Column],
    texts: &'a [&'a str],
    indexes: &'a [crate::position::LineIndex<'a>],
    missing: &'a BTreeSet<(usize, usize)>,
}

impl Columns<'_> {
    /// Term `t`'s row: its forms in each document, whether the documents
    /// of one language disagree, counted into `summary`.
    // Kept whole: one row: its cells, the disagreement and the summary counts read the same forms.
    fn row(
        &self,
        glossary: &Glossary,
        t: usize,
        by_doc: &BTreeMap<usize, BTreeMap<String, Uses>>,
        summary: &mut Summary,
    ) -> Row {
        let Columns {
            documents,
            texts,
            indexes,
            missing,
        } = *self;
        let term = &glossary.terms[t];
        // One language in one script, by the form `cross-document`
        // compares (one shared function), so an ending or a no-break
        // space is not a disagreement in one and one in the other.
        let mut by_language: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for (&d, forms) in by_doc {
            let mut stems: Vec<String> = forms
                .values()
                .filter(|u| !u.marks.contains(&Mark::NearMiss))
                .map(|u| u.stem.clone())
                .collect();
            if stems.is_empty() {
                continue;
            }
            stems.sort();
            stems.dedup();
            let language = crate::lang::LangTag::parse(&documents[d].language)
                .map_or_else(|| documents[d].language.clone(), |l| l.writing());
            by_language.entry(language).or_default().push(stems);
        }
        let disagrees = by_language
            .values()
            .any(|docs| docs.windows(2).any(|w| w[0] != w[1]));
        let cells: Vec<Vec<Cell>> = (0..documents.len())
            .map(|d| {
                let mut cell: Vec<Cell> = by_doc
                    .get(&d)
                    .into_iter()
                    .flatten()
                    .map(|(form, u)| {
                        let index = &indexes[d];
                        Cell {
                            form: form.clone(),
                            count: u.count,
                            marks: u.marks.iter().cloned().collect(),
                            occurrences: u
                                .places
                                .iter()
                                .take(OCCURRENCES)
                                .map(|r| occurrence(index, texts[d], r))
                                .collect(),
                        }
                    })
                    .collect();
                cell.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.form.cmp(&b.form)));
                cell
            })
            .collect();
        let missing: Vec<bool> = (0..documents.len())
            .map(|d| missing.contains(&(t, d)))
            .collect();
        for c in cells.iter().flatten() {
            for m in &c.marks {
                match m {
                    Mark::Forbidden => summary.forbidden += 1,
                    Mark::Lookalike { .. } => summary.lookalike += 1,
                    Mark::Case => summary.case += 1,
                    Mark::NearMiss => summary.near_miss += 1,
                    Mark::Disagrees => {}
                }
            }
        }
        summary.missing += missing.iter().filter(|&&m| m).count();
        summary.disagreeing_rows += usize::from(disagrees);
        Row {
            term: term.id.clone(),
            name: term
                .display_name(&glossary.default_language, &glossary.default_language)
                .to_owned(),
            cells,
            missing,
            disagrees,
        }
    }
}

/// term → document → form as written → its uses.
type UsesByTerm = BTreeMap<usize, BTreeMap<usize, BTreeMap<String, Uses>>>;

/// Counts one more use of `form` (with `stem`) at `range` in document
/// `column` for term `term`, and returns its entry.
fn use_of<'u>(
    uses: &'u mut UsesByTerm,
    term: usize,
    column: usize,
    form: &str,
    stem: String,
    range: &std::ops::Range<usize>,
) -> &'u mut Uses {
    let entry = uses
        .entry(term)
        .or_default()
        .entry(column)
        .or_default()
        .entry(form.to_owned())
        .or_default();
    entry.count += 1;
    entry.stem = stem;
    entry.places.push(range.clone());
    entry
}

/// The characters of `form` that none of the term's renderings in
/// `language` (or the default language) has: the Cyrillic "а" of
/// "Astаna", named with its code point.
fn odd_characters(
    form: &str,
    glossary: &Glossary,
    term: usize,
    language: &crate::lang::LangTag,
) -> Vec<String> {
    let known: BTreeSet<char> = glossary.terms[term]
        .renderings
        .iter()
        .filter(|r| r.language == *language || r.language == glossary.default_language)
        .flat_map(|r| r.text.chars().flat_map(char::to_lowercase))
        .collect();
    let mut odd: Vec<String> = form
        .chars()
        .filter(|&c| c != ' ' && !c.to_lowercase().all(|l| known.contains(&l)))
        .map(|c| {
            // A space or an invisible character has no glyph to show.
            if c.is_whitespace() || c.is_control() || crate::normalize::is_invisible(c) {
                format!("U+{:04X}", u32::from(c))
            } else {
                format!("{c} U+{:04X}", u32::from(c))
            }
        })
        .collect();
    odd.dedup();
    odd
}

/// Where `range` is, with its line cut to about 100 characters around it.
fn occurrence(
    index: &crate::position::LineIndex<'_>,
    text: &str,
    range: &std::ops::Range<usize>,
) -> Occurrence {
    let p = index.position(range.start);
    let line = index.line_range(p.line);
    let before: Vec<char> = text[line.start.min(range.start)..range.start]
        .chars()
        .collect();
    let after: Vec<char> = text[range.end..line.end.max(range.end)].chars().collect();
    let head: String = if before.len() > 50 {
        std::iter::once('…')
            .chain(before[before.len() - 49..].iter().copied())
            .collect()
    } else {
        before.iter().collect()
    };
    let tail: String = if after.len() > 50 {
        after[..49]
            .iter()
            .copied()
            .chain(std::iter::once('…'))
            .collect()
    } else {
        after.iter().collect()
    };
    Occurrence {
        line: p.line,
        column: p.column,
        text: format!("{head}{}{tail}", &text[range.clone()])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A cell's lines as the terminal and CSV show them: each form with its
/// count and marks; a missing term as "— missing".
fn cell_lines(cell: &[Cell], missing: bool) -> Vec<String> {
    let mut lines: Vec<String> = cell
        .iter()
        .map(|c| {
            let marks: Vec<String> = c.marks.iter().map(Mark::symbol).collect();
            if marks.is_empty() {
                format!("{} ×{}", c.form, c.count)
            } else {
                format!("{} ×{} [{}]", c.form, c.count, marks.join(", "))
            }
        })
        .collect();
    if missing {
        lines.push("— missing".to_owned());
    }
    lines
}

fn summary_line(set: &SetMatrix) -> String {
    let s = set.summary;
    let mut problems = Vec::new();
    for (n, what) in [
        (s.forbidden, "forbidden"),
        (s.lookalike, "look-alike"),
        (s.case, "wrong case"),
        (s.near_miss, "near-miss"),
        (s.missing, "missing"),
    ] {
        if n > 0 {
            problems.push(format!("{n} {what}"));
        }
    }
    let problems = if problems.is_empty() {
        "no problem".to_owned()
    } else {
        problems.join(", ")
    };
    format!(
        "Set {}: {} documents, {} terms, {} disagreeing; {problems}",
        set.name,
        set.documents.len(),
        set.terms.len(),
        s.disagreeing_rows
    )
}

/// A terminal table per set, with a legend; `≠` marks the rows that
/// disagree, `!` rows with another problem. With `color`, marked forms are
/// coloured too (the symbols say the same without colour).
// Kept whole: one table written row by row; the column widths computed first are used by every row.
pub fn render_text(matrix: &Matrix, color: bool) -> String {
    let mut out = String::new();
    if !matrix.sets.is_empty() {
        let _ = writeln!(out, "{LEGEND}\n");
    }
    for set in &matrix.sets {
        let _ = writeln!(out, "{}", summary_line(set));
        let header: Vec<Vec<String>> = std::iter::once(vec!["term".to_owned()])
            .chain(
                set.documents
                    .iter()
                    .map(|d| vec![format!("{} ({})", d.label, d.language)]),
            )
            .collect();
        let rows: Vec<Vec<Vec<String>>> = set
            .terms
            .iter()
            .map(|r| {
                std::iter::once(vec![r.term.clone()])
                    .chain(
                        r.cells
                            .iter()
                            .zip(&r.missing)
                            .map(|(c, &m)| cell_lines(c, m)),
                    )
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = (0..header.len())
            .map(|k| {
                std::iter::once(&header)
                    .chain(&rows)
                    .flat_map(|r| r[k].iter().map(|l| l.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let paint = |line: &str| -> String {
            if !color {
                return line.to_owned();
            }
            let code = if line.contains("✗ forbidden") {
                "31"
            } else if line.contains("≈ look-alike") || line.contains("Aa case") {
                "33"
            } else if line.contains("~ near-miss") || line.starts_with("— missing") {
                "35"
            } else if line.contains("≠ disagrees") {
                "36"
            } else {
                return line.to_owned();
            };
            format!("\x1b[{code}m{line}\x1b[0m")
        };
        let mut emit = |cells: &[Vec<String>], mark: &str| {
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for i in 0..height {
                let padded: Vec<String> = cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, &w)| {
                        let line = c.get(i).map_or("", String::as_str);
                        let pad = " ".repeat(w - line.chars().count());
                        format!("{}{pad}", paint(line))
                    })
                    .collect();
                let mark = if i == 0 { mark } else { " " };
                let _ = writeln!(
                    out,
                    "{}",
                    format!("{mark} {}", padded.join(" | ")).trim_end()
                );
            }
        };
        emit(&header, " ");
        for (row, cells) in set.terms.iter().zip(&rows) {
            let mark = if row.disagrees {
                "≠"
            } else if row.has_problems() {
                "!"
            } else {
                " "
            };
            emit(cells, mark);
        }
        out.push('\n');
    }
    if matrix.sets.is_empty() {
        out.push_str("No sets: name files speech.en.md/speech.ru.md, use en/ and ru/ folders, or add [[set]] to the glossary.\n");
    }
    out
}

/// The matrices as CSV: one table per set, a column per document, each
/// cell its forms (one per line) with counts and marks; a first column
/// names the set, so the sets can be filtered in a spreadsheet.
pub fn render_csv(matrix: &Matrix) -> String {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for set in &matrix.sets {
        let header: Vec<String> = ["set", "term", "name", "problems"]
            .iter()
            .map(|s| (*s).to_owned())
            .chain(
                set.documents
                    .iter()
                    .map(|d| format!("{} ({})", d.path, d.language)),
            )
            .collect();
        let _ = out.write_record(&header);
        for r in &set.terms {
            let problems = if r.disagrees {
                "disagrees"
            } else if r.has_problems() {
                "yes"
            } else {
                ""
            };
            let record: Vec<String> = [
                set.name.clone(),
                r.term.clone(),
                r.name.clone(),
                problems.to_owned(),
            ]
            .into_iter()
            .chain(
                r.cells
                    .iter()
                    .zip(&r.missing)
                    .map(|(c, &m)| cell_lines(c, m).join("\n")),
            )
            .collect();
            let _ = out.write_record(&record);
        }
    }
    let _ = out.write_record([LEGEND]);
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The matrices as an XLSX workbook: a sheet per set (terms down,
/// documents across), marked forms coloured as in the HTML page, and a
/// legend sheet.
// Kept whole: one workbook written sheet by sheet; its formats are shared by every sheet.
pub fn render_xlsx(matrix: &Matrix) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let fill = |rgb: u32| wrap.clone().set_background_color(Color::RGB(rgb));
    for (n, set) in matrix.sets.iter().enumerate() {
        let sheet = book.add_worksheet();
        // Sheet names: at most 31 characters, some forbidden.
        let name: String = set
            .name
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .take(28)
            .collect();
        sheet.set_name(format!(
            "{}{name}",
            if n > 0 {
                format!("{n} ")
            } else {
                String::new()
            }
        ))?;
        sheet.write_string_with_format(0, 0, summary_line(set), &bold)?;
        sheet.write_string_with_format(1, 0, "term", &bold)?;
        sheet.set_column_width(0, 28)?;
        for (d, doc) in set.documents.iter().enumerate() {
            let col = u16::try_from(d + 1).unwrap_or(u16::MAX);
            sheet.write_string_with_format(
                1,
                col,
                format!("{} ({})", doc.path, doc.language),
                &bold,
            )?;
            sheet.set_column_width(col, 36)?;
        }
        for (i, r) in set.terms.iter().enumerate() {
            let row = u32::try_from(i + 2).unwrap_or(u32::MAX);
            let term_format = if r.disagrees {
                fill(ROW_DISAGREES)
            } else {
                wrap.clone()
            };
            sheet.write_string_with_format(row, 0, &r.term, &term_format)?;
            for (d, (cell, &missing)) in r.cells.iter().zip(&r.missing).enumerate() {
                let col = u16::try_from(d + 1).unwrap_or(u16::MAX);
                let worst = cell
                    .iter()
                    .flat_map(|c| c.marks.iter())
                    .min()
                    .map(mark_color)
                    .or(missing.then_some(MISSING));
                let format = worst.map_or_else(|| wrap.clone(), fill);
                sheet.write_string_with_format(
                    row,
                    col,
                    cell_lines(cell, missing).join("\n"),
                    &format,
                )?;
            }
        }
    }
    let legend = book.add_worksheet();
    legend.set_name("Legend")?;
    legend.set_column_width(0, 60)?;
    for (i, (text, rgb)) in [
        ("✗ forbidden: a rendering the glossary forbids", FORBIDDEN),
        (
            "≈ look-alike: characters that only look like the glossary's (named)",
            LOOKALIKE,
        ),
        ("Aa case: letter case other than the glossary's", CASE),
        (
            "~ near-miss: close to a rendering, not in the glossary",
            NEAR_MISS,
        ),
        (
            "≠ disagrees: written otherwise than the set's other documents",
            DISAGREES,
        ),
        (
            "— missing: the source names the term, this translation does not",
            MISSING,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        legend.write_string_with_format(u32::try_from(i).unwrap_or(0), 0, text, &fill(rgb))?;
    }
    book.save_to_buffer()
}

// The marks' colours, shared by the HTML page and the workbook: light
// enough for black text, apart enough to tell without a legend.
const FORBIDDEN: u32 = 0xF4_B4_AE;
const LOOKALIKE: u32 = 0xFC_D4_9B;
const CASE: u32 = 0xFF_F1_A8;
const NEAR_MISS: u32 = 0xE3_D1_F7;
const DISAGREES: u32 = 0xBF_E3_F2;
const MISSING: u32 = 0xD9_D9_D9;
/// The background of a disagreeing row.
const ROW_DISAGREES: u32 = 0xFD_E2_E1;

fn mark_color(mark: &Mark) -> u32 {
    match mark {
        Mark::Forbidden => FORBIDDEN,
        Mark::Lookalike { .. } => LOOKALIKE,
        Mark::Case => CASE,
        Mark::NearMiss => NEAR_MISS,
        Mark::Disagrees => DISAGREES,
    }
}

/// One self-contained HTML page.
// Kept whole: one page written top to bottom; its parts are consecutive writes into one string.
pub fn render_html(matrix: &Matrix) -> String {
    let css_color = |rgb: u32| format!("#{rgb:06x}");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>termlint consistency report</title>\n<style>\n\
         body{{font:15px/1.4 system-ui,sans-serif;margin:1rem;color:#1d1d1f}}\n\
         .scroll{{overflow-x:auto;margin-bottom:2rem}}\n\
         table{{border-collapse:collapse;min-width:100%}}\n\
         th,td{{border:1px solid #c8c8cc;padding:.35rem .5rem;text-align:left;vertical-align:top}}\n\
         th{{background:#f0f0f3;position:sticky;top:0}}\n\
         tr.disagrees td.term{{background:{row}}}\n\
         td.term{{font-weight:600;min-width:6rem;max-width:9rem}}\n\
         td{{overflow-wrap:break-word;min-width:7rem}}\n\
         .count{{color:#6e6e73;font-size:.85em}}\n\
         .form{{display:block;border-radius:3px;padding:0 .2rem;margin:.1rem 0}}\n\
         .forbidden{{background:{forbidden}}} .lookalike{{background:{lookalike}}} .case{{background:{case}}}\n\
         .near-miss{{background:{near}}} .disagrees-form{{background:{disagrees}}} .missing{{background:{missing};display:block;padding:0 .2rem}}\n\
         .marks{{font-size:.8em;color:#3a3a3c}}\n\
         details summary{{cursor:pointer;list-style:none}} details ul{{margin:.2rem 0 .4rem 1rem;padding:0;font-size:.85em}}\n\
         .legend span{{display:inline-block;margin:.1rem .4rem .1rem 0;padding:0 .3rem;border-radius:3px}}\n\
         .summary td,.summary th{{min-width:0}}\n\
         #only:checked ~ .set tr.ok{{display:none}}\n\
         @media print{{#only,label[for=only]{{display:none}} details>ul{{display:block}} .scroll{{overflow:visible}} th{{position:static}}}}\n\
         </style></head><body>\n<h1>Consistency report</h1>\n",
        row = css_color(ROW_DISAGREES),
        forbidden = css_color(FORBIDDEN),
        lookalike = css_color(LOOKALIKE),
        case = css_color(CASE),
        near = css_color(NEAR_MISS),
        disagrees = css_color(DISAGREES),
        missing = css_color(MISSING),
    );
    // The summary of every set, then the legend and the filter.
    out.push_str("<div class=\"scroll\"><table class=\"summary\"><tr><th>set</th><th>documents</th><th>terms</th><th>disagreeing rows</th><th>forbidden</th><th>look-alike</th><th>wrong case</th><th>near-miss</th><th>missing</th></tr>\n");
    for set in &matrix.sets {
        let s = set.summary;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&set.name),
            set.documents.len(),
            set.terms.len(),
            s.disagreeing_rows,
            s.forbidden,
            s.lookalike,
            s.case,
            s.near_miss,
            s.missing
        );
    }
    out.push_str("</table></div>\n<p class=\"legend\"><span class=\"forbidden\">✗ forbidden</span><span class=\"lookalike\">≈ look-alike (odd characters named)</span><span class=\"case\">Aa wrong case</span><span class=\"near-miss\">~ near-miss</span><span class=\"disagrees-form\">≠ disagrees with the set</span><span class=\"missing\">— missing (the source names it)</span></p>\n");
    out.push_str("<input type=\"checkbox\" id=\"only\"><label for=\"only\"> show only rows with problems</label>\n");
    for set in &matrix.sets {
        let _ = write!(
            out,
            "<section class=\"set\"><h2>{}</h2>\n<p>{}</p>\n<div class=\"scroll\"><table>\n<tr><th>term</th>",
            escape(&set.name),
            escape(&summary_line(set))
        );
        for d in &set.documents {
            let _ = write!(
                out,
                "<th title=\"{}\">{} ({})</th>",
                escape(&d.path),
                escape(&d.label),
                escape(&d.language)
            );
        }
        out.push_str("</tr>\n");
        for r in &set.terms {
            let class = if r.disagrees {
                "disagrees"
            } else if r.has_problems() {
                "problem"
            } else {
                "ok"
            };
            let _ = write!(
                out,
                "<tr class=\"{class}\"><td class=\"term\" title=\"{}\">{}</td>",
                escape(&r.term),
                escape(&r.name)
            );
            for (d, (cell, &missing)) in r.cells.iter().zip(&r.missing).enumerate() {
                out.push_str("<td>");
                for c in cell {
                    let classes: Vec<&str> = c
                        .marks
                        .iter()
                        .map(|m| match m {
                            Mark::Disagrees => "disagrees-form",
                            other => other.class(),
                        })
                        .collect();
                    let marks: Vec<String> = c.marks.iter().map(Mark::symbol).collect();
                    let label = if marks.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " <span class=\"marks\">{}</span>",
                            escape(&marks.join(", "))
                        )
                    };
                    let _ = write!(
                        out,
                        "<details class=\"form {}\"><summary>{} <span class=\"count\">×{}</span>{label}</summary><ul>",
                        classes.join(" "),
                        escape(&c.form),
                        c.count
                    );
                    for o in &c.occurrences {
                        let _ = write!(
                            out,
                            "<li>{}:{}:{}: {}</li>",
                            escape(&set.documents[d].path),
                            o.line,
                            o.column,
                            escape(&o.text)
                        );
                    }
                    if c.count > c.occurrences.len() {
                        let _ = write!(out, "<li>… {} more</li>", c.count - c.occurrences.len());
                    }
                    out.push_str("</ul></details>");
                }
                if missing {
                    out.push_str("<span class=\"missing\">— missing</span>");
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></div></section>\n");
    }
    if matrix.sets.is_empty() {
        out.push_str("<p>No sets: name files speech.en.md/speech.ru.md, use en/ and ru/ folders, or add [[set]] to the glossary.</p>\n");
    }
    out.push_str("</body></html>\n");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
