//! `number-mismatch`: a translation states a number its source does not.
#![doc = include_str!("../../docs/rules/number-mismatch.md")]

use std::ops::Range;

use super::{Context, Member, Rule};
use crate::diagnostic::Finding;
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::matcher::TermMatch;
use crate::numbers::{self, Number};

/// Numbers of `ranges` of `text`, leaving out those inside a glossary name
/// ("Birlestik-2024", "COP29").
/// `language`: read number words only in it (a target's); `None` for a
/// source's (any number it may state makes a target's number known).
pub(super) fn stated(
    text: &str,
    ranges: &[Range<usize>],
    matches: &[TermMatch],
    language: Option<&LangTag>,
) -> Vec<Number> {
    let mut out = Vec::new();
    for r in ranges {
        for mut n in numbers::find(&text[r.clone()], language.map(LangTag::primary)) {
            n.range = n.range.start + r.start..n.range.end + r.start;
            if !matches
                .iter()
                .any(|m| m.range.start <= n.range.start && n.range.end <= m.range.end)
            {
                out.push(n);
            }
        }
    }
    out
}

/// Reports each number of `target` whose value no number of `source` (each
/// with the path of the document that states it) has, with the closest
/// number the source does state as a related place.
pub(super) fn compare(
    ctx: &mut Context<'_>,
    source: &[(Number, &str)],
    target: &[Number],
    source_name: &str,
) {
    for n in target {
        let known = source
            .iter()
            .any(|(s, _)| (s.value - n.value).abs() <= f64::EPSILON * n.value.abs().max(1.0));
        if known {
            continue;
        }
        let written = &ctx.text[n.range.clone()];
        let closest = source.iter().min_by(|(a, _), (b, _)| {
            (a.value - n.value)
                .abs()
                .total_cmp(&(b.value - n.value).abs())
        });
        let mut message = format!(
            "\"{written}\" ({}) is not a number {source_name} states",
            value(n.value)
        );
        if let Some((c, _)) = closest {
            message.push_str(&format!("; the closest it states is {}", value(c.value)));
        }
        ctx.report_document(Rule::NumberMismatch, n.range.clone(), message);
        if let Some((c, path)) = closest {
            ctx.relate_to(
                Rule::NumberMismatch,
                &n.range,
                crate::diagnostic::Related {
                    path: (*path).to_owned(),
                    range: c.range.clone(),
                    message: if *path == ctx.path {
                        format!("{source_name} states {} here", value(c.value))
                    } else {
                        format!("the source states {} here", value(c.value))
                    },
                },
            );
        }
    }
}

/// Findings per member: numbers each translation states that the set's
/// source documents do not. Documents in the source language are not
/// compared with each other: a set does not say which of them is the source.
pub(super) fn check_set(
    glossary: &Glossary,
    source: &LangTag,
    members: &[Member<'_>],
) -> Vec<Vec<Finding>> {
    super::per_translation(glossary, source, members, |ctx, sources, target| {
        let source_numbers: Vec<(Number, &str)> = sources
            .iter()
            .flat_map(|m| {
                stated(m.text, m.segments, m.matches, None)
                    .into_iter()
                    .map(move |n| (n, m.path))
            })
            .collect();
        let name = sources.first().map_or("the source", |m| m.path);
        compare(
            ctx,
            &source_numbers,
            &stated(
                target.text,
                target.segments,
                target.matches,
                Some(target.language),
            ),
            name,
        );
    })
}

/// "25000000", "2.5".
fn value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
