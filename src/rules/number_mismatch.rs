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
/// `language`: the text's, whose number words are read; `source`: read
/// generously, as a source (any number it may state makes a target's
/// number known).
pub(super) fn stated(
    text: &str,
    ranges: &[Range<usize>],
    matches: &[TermMatch],
    language: Option<&LangTag>,
    source: bool,
) -> Vec<Number> {
    let mut out = Vec::new();
    for r in ranges {
        let language = language.map(LangTag::primary);
        let found = if source {
            numbers::find_source(&text[r.clone()], language)
        } else {
            numbers::find(&text[r.clone()], language)
        };
        for mut n in found {
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
/// with the path of the document that states it) has, where the source
/// also states a number the translation does not: a number written for
/// another. A translation that adds a number and keeps every number of its
/// source ("(16 bits)", "90°", an explanation) is not reported; real
/// catalogues add them often, and a mistyped or outdated number leaves
/// the source's number out. The closest of the source's numbers the
/// translation leaves out is named, as a related place. Numbers at one
/// place of the source with several readings ("16,16") count once, and
/// one the source only implies ("UTF8") is never left out.
/// Whether a translation can be seen to leave out the source's number `n`:
/// not one the source only implies, nor one spelled out in words where the
/// translation's language (`reads_words`) has its number words unread.
/// A source with no such number leaves nothing to report.
pub(super) fn can_be_left_out(n: &Number, reads_words: bool) -> bool {
    !n.implied && (!n.spelled || reads_words)
}

// Kept whole: one matching of the target's numbers against the source's; every stage reads and
// marks the same two lists of what is used.
pub(super) fn compare(
    ctx: &mut Context<'_>,
    source: &[(Number, &str)],
    target: &[Number],
    source_name: &str,
    example: impl Fn() -> bool,
) {
    // The place each source number is read at: overlapping readings
    // ("16,16" and its parts, "2:35" and its hours) are one number the
    // translation may state. A document's numbers come in order of place.
    let mut place: Vec<usize> = Vec::with_capacity(source.len());
    let mut cluster: Option<(usize, &str, usize)> = None;
    for (k, (n, path)) in source.iter().enumerate() {
        cluster = match cluster {
            Some((p, at, end)) if at == *path && n.range.start < end => {
                Some((p, at, end.max(n.range.end)))
            }
            _ => Some((k, path, n.range.end)),
        };
        place.push(cluster.map_or(k, |(p, _, _)| p));
    }
    // The translation's places, likewise: "1.000" in a German text is one
    // thousand or one, and agrees with the source if either does.
    let mut places: Vec<Vec<&Number>> = Vec::new();
    for n in target {
        match places.last_mut() {
            Some(p)
                if p.iter()
                    .any(|m| m.range.start < n.range.end && n.range.start < m.range.end) =>
            {
                p.push(n);
            }
            _ => places.push(vec![n]),
        }
    }
    // The source's numbers by value, so that each lookup is a binary
    // search: a catalogue's unit, or a 10 MB line of numbers, costs
    // n log n, never n × m.
    let mut order: Vec<usize> = (0..source.len()).collect();
    order.sort_by(|&a, &b| source[a].0.value.total_cmp(&source[b].0.value));
    let equal = |k: usize, n: &Number| numbers::same(&source[k].0, n);
    let run = |n: &Number| -> Range<usize> {
        let (low, high) = numbers::bounds(n.value);
        order.partition_point(|&k| source[k].0.value < low)
            ..order.partition_point(|&k| source[k].0.value <= high)
    };
    let places = join_places(ctx.text, places, |n| run(n).any(|at| equal(order[at], n)));
    let mut stated = vec![false; source.len()];
    // Where the search for an unstated number of a run of equal values
    // goes on.
    let mut cursor: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut unknown = Vec::new();
    // Months last: "June 6" has its day 6 before the month's 6 takes it.
    let month = |p: &&Vec<_>| p.iter().any(|n: &std::borrow::Cow<'_, Number>| n.month);
    let in_order = places
        .iter()
        .filter(|p| !month(p))
        .chain(places.iter().filter(|p| month(p)));
    for readings in in_order {
        let mut known = false;
        let mut free = None;
        for n in readings {
            let r = run(n);
            let from = cursor
                .get(&r.start)
                .copied()
                .unwrap_or(r.start)
                .max(r.start);
            let mut skip = from;
            for (at, &k) in order.iter().enumerate().take(r.end).skip(from) {
                if !equal(k, n) {
                    continue;
                }
                known = true;
                if stated[place[k]] {
                    if skip == at {
                        skip = at + 1;
                    }
                    continue;
                }
                free = Some(k);
                break;
            }
            cursor.insert(r.start, skip);
            // Stated earlier in the run: still known (every value of a run
            // is equal, but for numbers too long for a float).
            known |= from > r.start
                && (n.digits.is_none() || order[r.start..from].iter().any(|&k| equal(k, n)));
            if free.is_some() {
                break;
            }
        }
        match free {
            Some(k) => stated[place[k]] = true,
            // Written twice in the translation: known all the same; but
            // a month's name is its month, not another number of the
            // same value ("6 июня" for "6 May").
            None if known && !readings.iter().any(|n| n.month) => {}
            None => unknown.push(
                readings
                    .iter()
                    .find(|n| !n.implied)
                    .unwrap_or(&readings[0])
                    .as_ref(),
            ),
        }
    }
    if unknown.is_empty() {
        return;
    }
    // "three arguments" in Vietnamese is "ba đối số", which is not read.
    let reads_words = numbers::reads_words(ctx.language.primary());
    let mut left_out: Vec<&(Number, &str)> = source
        .iter()
        .enumerate()
        .filter(|&(k, (n, _))| !stated[place[k]] && can_be_left_out(n, reads_words))
        .map(|(_, s)| s)
        .collect();
    if left_out.is_empty() {
        return;
    }
    left_out.sort_by(|a, b| a.0.value.total_cmp(&b.0.value));
    // A message that gives an example ("e.g. Thu Mar 3 23:05:25 2005")
    // and a translation that differs from it in several numbers: the
    // example was rewritten for the locale's dates and times, not mistyped.
    if example() {
        let distinct = |mut values: Vec<f64>| {
            values.sort_by(f64::total_cmp);
            values.dedup();
            values.len()
        };
        // A translation that leaves out several of the example's numbers
        // wrote an example of its own ("Na primer: 18, 15:30" for "e.g.
        // 15:30, 2:35 pm, 4 pm").
        if distinct(unknown.iter().map(|n| n.value).collect()) >= 2
            || distinct(left_out.iter().map(|(n, _)| n.value).collect()) >= 2
        {
            return;
        }
        // So is one clock time or date of an example ("23:13:48" written
        // "21:13:48"), or its year ("14 Ağu 2022" for "14 Aug 2006"); an
        // impossible time ("32:13:48") is a slip.
        let year = |v: f64| v.fract() == 0.0 && (1000.0..=2100.0).contains(&v);
        let years_left_out = left_out.iter().any(|(n, _)| year(n.value));
        unknown
            .retain(|n| !(in_clock_or_date(ctx.text, &n.range) || years_left_out && year(n.value)));
    }
    for n in unknown {
        let written = &ctx.text[n.range.clone()];
        // The nearest value on either side of the number.
        let at = left_out.partition_point(|(s, _)| s.value < n.value);
        let closest = [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|k| left_out.get(k).copied())
            .min_by(|(a, _), (b, _)| {
                (a.value - n.value)
                    .abs()
                    .total_cmp(&(b.value - n.value).abs())
            });
        let mut message = format!(
            "\"{written}\" ({}) is not a number {source_name} states",
            value(n.value)
        );
        if let Some((c, _)) = closest {
            message.push_str(&format!("; it states {} instead", value(c.value)));
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
/// source documents do not. With a `source-document`, every other member
/// is compared with it alone, renderings in its own language too (a news
/// report with the transcript it reports); without one, documents in the
/// source language are not compared with each other, since the set does
/// not say which of them is the source.
pub(super) fn compare_set(
    glossary: &Glossary,
    source: &LangTag,
    members: &[Member<'_>],
) -> Vec<Vec<Finding>> {
    let compare_with = |ctx: &mut Context<'_>, sources: &[&Member<'_>], target: &Member<'_>| {
        let source_numbers: Vec<(Number, &str)> = sources
            .iter()
            .flat_map(|m| {
                stated(m.text, m.segments, m.matches, Some(m.language), true)
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
                false,
            ),
            name,
            // A document's slips are each reported, however many.
            || false,
        );
    };
    let Some(named) = members
        .iter()
        .find(|m| m.is_source_document && !m.bilingual)
    else {
        return super::per_translation(glossary, source, members, compare_with);
    };
    super::per_member(glossary, members, |ctx, target| {
        if !target.is_source_document && !target.bilingual {
            compare_with(ctx, &[named], target);
        }
    })
}

/// The translation's places with each pair of neighbours that the text
/// joins into one number the source states (`known`) made one place: a
/// product ("1024×1024" for "1,048,576") or a decimal written with a space
/// after its point ("२. १" for "2.1"). Neighbours whose joined value the
/// source does not state stay two numbers ("Index ৫x৮" for "3x5").
fn join_places<'n>(
    text: &str,
    places: Vec<Vec<&'n Number>>,
    known: impl Fn(&Number) -> bool,
) -> Vec<Vec<std::borrow::Cow<'n, Number>>> {
    use std::borrow::Cow;
    let mut out: Vec<Vec<Cow<'n, Number>>> = Vec::with_capacity(places.len());
    let mut k = 0;
    while k < places.len() {
        let joined = match (places[k].as_slice(), places.get(k + 1).map(Vec::as_slice)) {
            ([a], Some([b])) => joined(text, a, b).filter(|n| known(n)),
            _ => None,
        };
        if let Some(n) = joined {
            out.push(vec![Cow::Owned(n)]);
            k += 2;
        } else {
            out.push(places[k].iter().map(|&n| Cow::Borrowed(n)).collect());
            k += 1;
        }
    }
    out
}

/// The one number `a` and `b` make, if the text between them joins them.
fn joined(text: &str, a: &Number, b: &Number) -> Option<Number> {
    let gap = text.get(a.range.end..b.range.start)?;
    let value = match gap.trim_matches(' ') {
        "×" | "x" | "X" | "*" => a.value * b.value,
        "." if gap == ". " && a.value.fract() == 0.0 && b.value.fract() == 0.0 => {
            let digits = text[b.range.clone()]
                .chars()
                .filter(|&c| numbers::digit(c).is_some())
                .count();
            a.value + b.value / 10f64.powi(i32::try_from(digits).ok()?)
        }
        _ => return None,
    };
    Some(Number {
        range: a.range.start..b.range.end,
        value,
        implied: false,
        digits: None,
        spelled: false,
        month: false,
    })
}

/// Whether a unit whose source reads `source` is no text but a setting the
/// translator chooses, or the translators' names: a key and its value
/// (GTK's "calendar:week_start:0", which a translation answers with "1"
/// where weeks start on Monday) or the credits entry. Its numbers are the
/// translator's to choose.
pub(super) fn is_setting(source: &str) -> bool {
    let s = source.trim();
    let key = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let setting = s.contains(':')
        && s.split(':').all(key)
        && s.starts_with(|c: char| c.is_ascii_alphabetic());
    // A font and its size ("Sans 12", "Monospace Bold 10"), which a
    // translation sets for its script.
    let font = s.rsplit_once(' ').is_some_and(|(family, size)| {
        size.parse::<u32>().is_ok()
            && ["sans", "serif", "monospace", "sans serif"]
                .iter()
                .any(|f| family.to_ascii_lowercase().starts_with(f))
    });
    let credits = matches!(
        s.to_ascii_lowercase().replace(['-', '_'], " ").as_str(),
        "translator credits" | "translators credits" | "translation credits"
    );
    setting || credits || font
}

/// Whether the number at `range` of `text` is part of a valid clock time
/// ("23:13:48", "7:20") or date ("31-12-1999", "12/31/99", "29.02.2024").
fn in_clock_or_date(text: &str, range: &Range<usize>) -> bool {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, ':' | '\u{2236}' | '/' | '-' | '.');
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_part(c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .take_while(|&(_, c)| is_part(c))
        .last()
        .map_or(range.end, |(i, c)| range.end + i + c.len_utf8());
    // The ratio sign GTK writes times with ("15∶30") is a colon.
    let token = text[start..end]
        .trim_matches(|c: char| !c.is_ascii_digit())
        .replace('\u{2236}', ":");
    let token = token.as_str();
    let parts =
        |sep: char| -> Option<Vec<u32>> { token.split(sep).map(|p| p.parse().ok()).collect() };
    if token.contains(':') {
        return parts(':').is_some_and(|p| {
            (2..=3).contains(&p.len()) && p[0] <= 24 && p[1..].iter().all(|&m| m <= 60)
        });
    }
    ['/', '-', '.'].iter().any(|&sep| {
        parts(sep).is_some_and(|p| {
            p.len() == 3
                && p.iter().filter(|&&v| (1..=12).contains(&v)).count() >= 1
                && p.iter().filter(|&&v| (1..=31).contains(&v)).count() >= 2
        })
    })
}

/// Whether a message gives an example ("e.g.", "Example:", "for
/// instance", "such as"; and the German, French, Spanish and Russian
/// markers), whose dates and times a translation may rewrite for its
/// locale.
pub(super) fn gives_example(source: &str) -> bool {
    const MARKERS: &[&str] = &[
        "e.g.",
        "e. g.",
        "eg.",
        "example",
        "for instance",
        "such as",
        "z. b.",
        "z.b.",
        "p. ex.",
        "par exemple",
        "por ejemplo",
        "например",
    ];
    let lower = source.to_lowercase();
    MARKERS.iter().any(|m| lower.contains(m))
}

/// "25000000", "2.5".
fn value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::is_setting;

    #[test]
    fn clock_times_and_dates_of_examples() {
        let at = |t: &str, n: &str| {
            let i = t.find(n).expect("in the text");
            super::in_clock_or_date(t, &(i..i + n.len()))
        };
        assert!(at("e.g., 21:13:48)", "21"));
        assert!(at("например, 15∶30, 7∶20", "7"));
        assert!(at("bijv. 31-12-05)", "05"));
        assert!(at("por exemplo, 31-12-1999", "1999"));
        assert!(!at("e.g., 32:13:48)", "32"));
        assert!(!at("RFC 3548", "3548"));
        assert!(!at("between 1-3 pages", "3"));
    }

    #[test]
    fn examples_are_told_by_their_markers() {
        assert!(super::gives_example("Specify the time, e.g. 15:30"));
        assert!(super::gives_example("Example: Mon, 14 Aug 2006"));
        assert!(!super::gives_example("Meeting in Astana on 14 August"));
    }

    #[test]
    fn settings_and_credits_are_the_translators_to_choose() {
        for s in [
            "calendar:week_start:0",
            "calendar:MY",
            "default:LTR",
            "translator-credits",
            "Translator credits",
            "Sans 12",
            "Monospace Bold 10",
        ] {
            assert!(is_setting(s), "{s}");
        }
        for s in [
            "Meeting at 10:30",
            "Error: 25 files",
            ":0",
            "week_start",
            "calendar: week 0",
        ] {
            assert!(!is_setting(s), "{s}");
        }
    }
}
