//! `--statistics`: how many findings per rule and per term, instead of the
//! findings themselves (ruff's `--statistics`), to see at a glance where a
//! project's names go wrong.
//!
//! ```text
//! Rule                 Findings  Fixable
//! forbidden                   3        3
//!
//! Term                 Findings  Forms found
//! astana                      3  Nur-Sultan ×2, Нур-Султан ×1
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::diagnostic::Finding;

#[derive(Serialize)]
struct RuleCount {
    rule: &'static str,
    severity: &'static str,
    findings: usize,
    /// Findings `--fix` fixes; `--fix --unsafe-fixes` fixes the others with
    /// a fix.
    fixable: usize,
    fixable_unsafe: usize,
}

#[derive(Serialize)]
struct TermCount<'a> {
    term: &'a str,
    findings: usize,
    /// Each form as written, with how often it was found, most frequent
    /// first.
    found: Vec<Form<'a>>,
}

#[derive(Serialize)]
struct Form<'a> {
    form: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct Statistics<'a> {
    rules: Vec<RuleCount>,
    terms: Vec<TermCount<'a>>,
    files: usize,
}

fn count<'a>(report: &Report<'a>) -> Statistics<'a> {
    let mut rules: BTreeMap<_, RuleCount> = BTreeMap::new();
    let mut terms: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for f in &report.findings {
        let f: &'a Finding = f;
        let entry = rules.entry(f.rule).or_insert_with(|| RuleCount {
            rule: f.rule.code(),
            severity: f.severity.as_str(),
            findings: 0,
            fixable: 0,
            fixable_unsafe: 0,
        });
        entry.findings += 1;
        match f.fix().as_ref().map(|x| x.applicability) {
            Some(crate::diagnostic::Applicability::Safe) => entry.fixable += 1,
            Some(crate::diagnostic::Applicability::Unsafe) => entry.fixable_unsafe += 1,
            None => {}
        }
        *terms
            .entry(f.term())
            .or_default()
            .entry(f.found())
            .or_default() += 1;
    }
    let mut rules: Vec<RuleCount> = rules.into_values().collect();
    rules.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.rule.cmp(b.rule)));
    let mut terms: Vec<TermCount<'a>> = terms
        .into_iter()
        .map(|(term, found)| {
            let mut found: Vec<Form<'_>> = found
                .into_iter()
                .map(|(form, count)| Form { form, count })
                .collect();
            found.sort_by(|a, b| b.count.cmp(&a.count).then(a.form.cmp(b.form)));
            TermCount {
                term,
                findings: found.iter().map(|f| f.count).sum(),
                found,
            }
        })
        .collect();
    terms.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.term.cmp(b.term)));
    Statistics {
        rules,
        terms,
        files: report.summary.files,
    }
}

/// The counts as two tables, most findings first.
pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let stats = count(report);
    if stats.rules.is_empty() {
        return writeln!(w, "No findings in {}.", super::plural(stats.files, "file"));
    }
    let width = |names: &mut dyn Iterator<Item = usize>, header: usize| {
        names.max().unwrap_or(0).max(header)
    };
    let rule_width = width(&mut stats.rules.iter().map(|r| r.rule.len()), 4);
    writeln!(w, "{:<rule_width$}  Severity  Findings  Fixable", "Rule")?;
    for r in &stats.rules {
        let fixable = match (r.fixable, r.fixable_unsafe) {
            (0, 0) => "-".to_owned(),
            (n, 0) => n.to_string(),
            (n, u) => format!("{n} (+{u} unsafe)"),
        };
        writeln!(
            w,
            "{:<rule_width$}  {:<8}  {:>8}  {fixable}",
            r.rule, r.severity, r.findings
        )?;
    }
    let term_width = width(&mut stats.terms.iter().map(|t| t.term.chars().count()), 4);
    writeln!(w, "\n{:<term_width$}  Findings  Forms found", "Term")?;
    for t in &stats.terms {
        let found: Vec<String> = t
            .found
            .iter()
            .map(|f| format!("{} ×{}", f.form, f.count))
            .collect();
        writeln!(
            w,
            "{}{}  {:>8}  {}",
            t.term,
            " ".repeat(term_width - t.term.chars().count()),
            t.findings,
            found.join(", ")
        )?;
    }
    let total: usize = stats.rules.iter().map(|r| r.findings).sum();
    writeln!(
        w,
        "\n{} in {}.",
        super::plural(total, "finding"),
        super::plural(stats.files, "file")
    )
}

/// The counts as one JSON document.
pub(super) fn render_json(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &count(report))?;
    writeln!(w)
}
