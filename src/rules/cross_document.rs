//! `cross-document`: documents of one set, in one language, that write a
//! term differently.
#![doc = include_str!("../../docs/rules/cross-document.md")]

use std::collections::BTreeMap;

use super::context::oneline;
use super::{Context, Member, Rule};
use crate::diagnostic::{Applicability, Finding, Fix};
use crate::glossary::{CasePolicy, Glossary, RenderingKind, Term};

/// term → member → form → indices of that member's matches, in order.
type Forms = BTreeMap<usize, BTreeMap<usize, BTreeMap<String, Vec<usize>>>>;

/// Findings per member: each use of a form that the majority of the set's
/// documents in that language do not write.
pub(super) fn check(glossary: &Glossary, members: &[Member<'_>]) -> Vec<Vec<Finding>> {
    // One language in one script: Serbian in Latin and in Cyrillic are
    // different renderings, never inconsistent with each other (issue 21).
    let mut languages: Vec<String> = members.iter().map(|m| m.language.writing()).collect();
    languages.sort_unstable();
    languages.dedup();
    // (member, match index, witness member, witness match index)
    let mut reports: Vec<(usize, usize, usize, usize)> = Vec::new();
    for language in languages {
        let group: Vec<usize> = (0..members.len())
            .filter(|&i| members[i].language.writing() == language)
            .collect();
        if group.len() > 1 {
            reports.extend(disagreements(glossary, members, &group));
        }
    }
    members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut ctx = Context::new(m.path, m.text, &[], m.language, glossary, m.rules);
            for &(_, k, w, wk) in reports.iter().filter(|r| r.0 == i) {
                report(&mut ctx, glossary, m, k, &members[w], wk);
            }
            ctx.into_findings()
        })
        .collect()
}

fn disagreements(
    glossary: &Glossary,
    members: &[Member<'_>],
    group: &[usize],
) -> Vec<(usize, usize, usize, usize)> {
    let mut forms: Forms = BTreeMap::new();
    for &i in group {
        for (k, m) in members[i].matches.iter().enumerate() {
            let term = &glossary.terms[m.term];
            if term.renderings[m.rendering_index()].kind != RenderingKind::Form {
                let form = compared_form(glossary, members[i].text, m);
                forms
                    .entry(m.term)
                    .or_default()
                    .entry(i)
                    .or_default()
                    .entry(form)
                    .or_default()
                    .push(k);
            }
        }
    }
    let mut out = Vec::new();
    for (t, by_member) in forms {
        let term = &glossary.terms[t];
        // Each document's main form: the one it writes most (earliest on
        // ties), kept apart by the rendering the glossary prefers in its
        // language. One writing can have two regional standards the
        // glossary spells differently (Traditional Chinese: zh-TW
        // "衣索比亞", zh-HK "埃塞俄比亞"): each document writing its own is
        // no inconsistency.
        let mut regions: BTreeMap<Option<&str>, Vec<(usize, &String, usize)>> = BTreeMap::new();
        for (&i, fs) in &by_member {
            let Some((form, uses)) = fs
                .iter()
                .max_by_key(|(_, u)| (u.len(), std::cmp::Reverse(u[0])))
            else {
                continue;
            };
            let preferred = term.preferred(members[i].language).map(|r| r.text.as_str());
            regions
                .entry(preferred)
                .or_default()
                .push((i, form, uses[0]));
        }
        for main in regions.values() {
            out.extend(disagreeing_uses(term, main, &by_member));
        }
    }
    out
}

/// The uses (member, match index, witness member, witness match index) of
/// the documents in `main` (each with its main form and its first use)
/// whose main form is not the majority's.
fn disagreeing_uses(
    term: &Term,
    main: &[(usize, &String, usize)],
    by_member: &BTreeMap<usize, BTreeMap<String, Vec<usize>>>,
) -> Vec<(usize, usize, usize, usize)> {
    let Some(majority) = majority(term, main) else {
        return Vec::new();
    };
    let Some(&(witness, _, witness_use)) = main.iter().find(|(_, f, _)| **f == majority) else {
        return Vec::new();
    };
    main.iter()
        .filter(|(_, f, _)| **f != majority)
        .flat_map(|(i, form, _)| {
            by_member[i][*form]
                .iter()
                .map(move |&k| (*i, k, witness, witness_use))
        })
        .collect()
}

/// The form most documents write; ties go to the glossary's preferred
/// rendering, then to the document listed first.
fn majority(term: &Term, main: &[(usize, &String, usize)]) -> Option<String> {
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, f, _) in main {
        *votes.entry(f.as_str()).or_default() += 1;
    }
    if votes.len() < 2 {
        return None;
    }
    let preferred: Vec<String> = term
        .renderings
        .iter()
        .filter(|r| r.kind == RenderingKind::Preferred)
        .map(|r| form_of(term, &r.text))
        .collect();
    let first_writer = |f: &str| {
        main.iter()
            .position(|(_, g, _)| g.as_str() == f)
            .unwrap_or(usize::MAX)
    };
    votes
        .into_iter()
        .max_by_key(|&(f, n)| {
            (
                n,
                preferred.iter().any(|p| p == f),
                std::cmp::Reverse(first_writer(f)),
            )
        })
        .map(|(f, _)| f.to_owned())
}

/// How uses are compared: white space collapsed, and case folded where the
/// term's case does not matter.
/// How `cross-document` and `termlint report` compare a use of a term:
/// its stem (a declined name as the rendering it declines: the rendering
/// in another case, not another rendering), white space collapsed, case
/// folded where the term's case does not matter.
pub fn compared_form(glossary: &Glossary, text: &str, m: &crate::matcher::TermMatch) -> String {
    let term = &glossary.terms[m.term];
    match &m.declined {
        Some(_) => form_of(term, &term.renderings[m.rendering_index()].text),
        None => form_of(term, &text[m.stem()]),
    }
}

fn form_of(term: &Term, text: &str) -> String {
    let collapsed = oneline(text);
    if term.case == CasePolicy::Ignore {
        collapsed.to_lowercase()
    } else {
        collapsed.into_owned()
    }
}

fn report<'g>(
    ctx: &mut Context<'g>,
    glossary: &'g Glossary,
    m: &Member<'_>,
    k: usize,
    w: &Member<'_>,
    wk: usize,
) {
    let used = &m.matches[k];
    let term = &glossary.terms[used.term];
    let theirs = oneline(&w.text[w.matches[wk].stem()]);
    let mut message = format!(
        "\"{}\" here, but {} writes \"{theirs}\" for {} ({})",
        oneline(&m.text[used.range.clone()]),
        w.path,
        ctx.name_of(term),
        term.category.as_str()
    );
    // The ending stays where it can without knowing the sentence: in
    // Russian "в Киргизию" does not become "в Кыргызстаню".
    let swap = ctx.swap(used, &term.renderings[used.rendering_index()].text, &theirs);
    if let Some(swap) = &swap {
        message.push_str(&swap.caution(&theirs));
    }
    let fix = swap.map(|swap| Fix {
        replacement: swap.text.into(),
        applicability: Applicability::Unsafe,
    });
    ctx.report(Rule::CrossDocument, used.range.clone(), term, message, fix);
    ctx.relate(
        Rule::CrossDocument,
        crate::diagnostic::Related {
            path: w.path.to_owned(),
            range: w.matches[wk].range.clone(),
            message: format!("this document of the set writes \"{theirs}\""),
        },
    );
}
