//! `termlint report`: the consistency matrix of each set — terms down,
//! documents across, each cell the forms a document writes and how often —
//! as a terminal table, JSON, or one self-contained HTML page.
//!
//! A row *disagrees* when documents of one language write the term in
//! different forms (compared as `cross-document` compares them). The HTML
//! page has no external assets, opens from disk and scrolls sideways on a
//! phone; disagreeing rows are highlighted.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::check::{FileOutcome, Outcome};
use crate::glossary::{CasePolicy, Glossary, RenderingKind};

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
    /// Per document: (form as written, count), most used first.
    pub cells: Vec<Vec<Cell>>,
    pub disagrees: bool,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub form: String,
    pub count: usize,
}

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

fn set_matrix(glossary: &Glossary, outcome: &Outcome, name: &str, members: &[usize]) -> SetMatrix {
    let mut documents = Vec::new();
    // term → document → form → count
    let mut uses: BTreeMap<usize, BTreeMap<usize, BTreeMap<String, usize>>> = BTreeMap::new();
    for &i in members {
        let report = &outcome.files[i];
        let FileOutcome::Checked {
            set: Some(data), ..
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
        for m in &data.matches {
            if glossary.terms[m.term].renderings[m.rendering].kind == RenderingKind::Form {
                continue;
            }
            let form = data.text[m.stem.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            *uses
                .entry(m.term)
                .or_default()
                .entry(column)
                .or_default()
                .entry(form)
                .or_default() += 1;
        }
    }
    let mut labels: Vec<&str> = documents.iter().map(|d| d.label.as_str()).collect();
    labels.sort_unstable();
    if labels.windows(2).any(|w| w[0] == w[1]) {
        documents
            .iter_mut()
            .for_each(|d| d.label.clone_from(&d.path));
    }
    let terms = uses
        .into_iter()
        .map(|(t, by_doc)| {
            let term = &glossary.terms[t];
            let cells: Vec<Vec<Cell>> = (0..documents.len())
                .map(|d| {
                    let mut cell: Vec<Cell> = by_doc
                        .get(&d)
                        .into_iter()
                        .flatten()
                        .map(|(f, &c)| Cell {
                            form: f.clone(),
                            count: c,
                        })
                        .collect();
                    cell.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.form.cmp(&b.form)));
                    cell
                })
                .collect();
            let compare = |f: &str| {
                if term.case == CasePolicy::Ignore {
                    f.to_lowercase()
                } else {
                    f.to_owned()
                }
            };
            // One language in one script, as `cross-document` compares.
            let mut by_language: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
            for (d, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                let mut forms: Vec<String> = cell.iter().map(|c| compare(&c.form)).collect();
                forms.sort();
                forms.dedup();
                let language = crate::lang::LangTag::parse(&documents[d].language)
                    .map_or_else(|| documents[d].language.clone(), |l| l.writing());
                by_language.entry(language).or_default().push(forms);
            }
            let disagrees = by_language
                .values()
                .any(|docs| docs.windows(2).any(|w| w[0] != w[1]));
            Row {
                term: term.id.clone(),
                name: term
                    .display_name(&glossary.default_language, &glossary.default_language)
                    .to_owned(),
                cells,
                disagrees,
            }
        })
        .collect();
    SetMatrix {
        name: name.to_owned(),
        documents,
        terms,
    }
}

fn cell_text(cell: &[Cell]) -> String {
    cell.iter()
        .map(|c| format!("{} ×{}", c.form, c.count))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A terminal table per set; `≠` marks the rows that disagree.
pub fn render_text(matrix: &Matrix) -> String {
    let mut out = String::new();
    for set in &matrix.sets {
        let disagreeing = set.terms.iter().filter(|r| r.disagrees).count();
        let _ = writeln!(
            out,
            "Set {}: {} documents, {} terms, {disagreeing} disagreeing",
            set.name,
            set.documents.len(),
            set.terms.len()
        );
        let header: Vec<String> = std::iter::once("term".to_owned())
            .chain(
                set.documents
                    .iter()
                    .map(|d| format!("{} ({})", d.label, d.language)),
            )
            .collect();
        let rows: Vec<Vec<String>> = set
            .terms
            .iter()
            .map(|r| {
                std::iter::once(r.term.clone())
                    .chain(r.cells.iter().map(|c| cell_text(c)))
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = (0..header.len())
            .map(|k| {
                std::iter::once(&header)
                    .chain(&rows)
                    .map(|r| r[k].chars().count().min(40))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String], mark: &str| {
            let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, &w)| pad(c, w)).collect();
            format!("{mark} {}", padded.join(" | "))
                .trim_end()
                .to_owned()
        };
        let _ = writeln!(out, "{}", line(&header, " "));
        for (row, cells) in set.terms.iter().zip(&rows) {
            let _ = writeln!(
                out,
                "{}",
                line(cells, if row.disagrees { "≠" } else { " " })
            );
        }
        out.push('\n');
    }
    if matrix.sets.is_empty() {
        out.push_str("No sets: name files speech.en.md/speech.ru.md, use en/ and ru/ folders, or add [[set]] to the glossary.\n");
    }
    out
}

/// `s` cut to `w` characters (with `…`) or padded to them.
fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n > w {
        s.chars()
            .take(w.saturating_sub(1))
            .chain(std::iter::once('…'))
            .collect()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// One self-contained HTML page.
pub fn render_html(matrix: &Matrix) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>termlint consistency report</title>\n<style>\n\
         body{font:15px/1.4 system-ui,sans-serif;margin:1rem;color:#1d1d1f}\n\
         .scroll{overflow-x:auto;margin-bottom:2rem}\n\
         table{border-collapse:collapse;min-width:100%}\n\
         th,td{border:1px solid #c8c8cc;padding:.35rem .5rem;text-align:left;vertical-align:top}\n\
         th{background:#f0f0f3;position:sticky;top:0}\n\
         tr.disagrees td{background:#fde2e1}\n\
         td.term{font-weight:600;min-width:6rem;max-width:9rem}\n\
         td{overflow-wrap:break-word;min-width:7rem}\n\
         .count{color:#6e6e73;font-size:.85em}\n\
         </style></head><body>\n<h1>Consistency report</h1>\n",
    );
    for set in &matrix.sets {
        let disagreeing = set.terms.iter().filter(|r| r.disagrees).count();
        let _ = write!(
            out,
            "<h2>{}</h2>\n<p>{} documents, {} terms, <strong>{disagreeing} disagreeing</strong> (highlighted).</p>\n<div class=\"scroll\"><table>\n<tr><th>term</th>",
            escape(&set.name),
            set.documents.len(),
            set.terms.len()
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
                " class=\"disagrees\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<tr{class}><td class=\"term\" title=\"{}\">{}</td>",
                escape(&r.term),
                escape(&r.name)
            );
            for cell in &r.cells {
                let items: Vec<String> = cell
                    .iter()
                    .map(|c| {
                        format!(
                            "{} <span class=\"count\">×{}</span>",
                            escape(&c.form),
                            c.count
                        )
                    })
                    .collect();
                let _ = write!(out, "<td>{}</td>", items.join("<br>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></div>\n");
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
