//! Large translation memories, checked in parts (issue 22). A memory's
//! units are independent: every rule but `inconsistent` looks at one unit
//! or one segment at a time, so a memory that belongs to no set is checked
//! a window of units at a time, and only each window's matches and unit
//! data live at once. Read from its file ([`scan::MemoryReader`]), its
//! text is never held whole either: what is kept of it is the lines its
//! findings are on, the letters of the uses `inconsistent` weighs across
//! the whole memory, and near-miss's candidates that a word written in
//! lower case elsewhere may still show to be ordinary words, which a
//! second pass over the file looks for. A memory held whole (given on
//! standard input or in an editor's buffer, decoded from UTF-16) is
//! checked by the same windows over its text; one the window reader
//! cannot take (written on one line) a window of its units at a time
//! ([`Checker::memory_in_windows`]).

use std::collections::HashSet;
use std::io::Read;
use std::ops::Range;
use std::sync::Arc;

use super::{apply_directives, fit_fixes_to_format, skip_unfinished, CheckOptions, Checker};
use crate::diagnostic::{Detail, Finding};
use crate::hash::FastSet;
use crate::lang::LangTag;
use crate::matcher::TermMatch;
use crate::position::{LineIndex, Source};
use crate::rules::{self, Context, Rule, RuleSet};
use crate::scan::{self, Directive, Document, Format, MemoryReader, Segment, Unstreamable};

/// Text of a translation memory checked at a time.
pub(super) const MEMORY_WINDOW: usize = 8 << 20;

/// One language's uses of the terms `inconsistent` can report there (those
/// its patterns name in more than one way), gathered window by window:
/// each use's letters in `letters`, where its range points, whether a
/// rendering introduces it in parentheses, and where it starts in the file.
struct Uses {
    language: LangTag,
    terms: FastSet<usize>,
    matches: Vec<TermMatch>,
    introduced: Vec<bool>,
    at: Vec<usize>,
    letters: String,
}

/// What the windows of a memory leave for the end of its check.
#[derive(Default)]
pub(super) struct Windows {
    pub(super) findings: Vec<Finding>,
    uses: Vec<Uses>,
    /// Every directive, in the file's offsets, whether it silenced
    /// something, and what to say if it did not.
    directives: Vec<(Directive, bool, String)>,
    /// The lines of the findings and of the uses `inconsistent` may report.
    lines: Source,
    /// The line the next window starts on.
    line: usize,
}

impl Windows {
    fn new() -> Windows {
        Windows {
            line: 1,
            ..Windows::default()
        }
    }
}

impl Checker<'_> {
    /// A memory that belongs to no set, read from its file a window of
    /// units at a time, if it can be: its findings, the lines they are on
    /// and the notes on directives that silenced nothing. `None` for one
    /// that is not a large memory on disk, or that the window reader cannot
    /// take (its whole reading then says what is wrong, where).
    pub(super) fn memory_from_file(
        &self,
        options: &CheckOptions,
        rules: &RuleSet,
        file: &scan::Walked,
    ) -> Option<(Vec<Finding>, Source, Vec<String>)> {
        let whole_reading_decides = file.stdin
            || options.language.is_some()
            || options.encoding.or(self.glossary.files.encoding).is_some()
            || scan::Format::from_path(&file.path) != Format::Tmx
            || super::editor_buffer(options, file).is_some();
        if whole_reading_decides {
            return None;
        }
        let size = std::fs::metadata(&file.path)
            .ok()
            .filter(std::fs::Metadata::is_file)?
            .len();
        if size <= MEMORY_WINDOW as u64 || size > scan::MAX_FILE_SIZE {
            return None;
        }
        let open = || std::fs::File::open(&file.path).ok();
        let windows = self
            .memory_windows(rules, options, &file.display, open()?, MEMORY_WINDOW)
            .ok()?;
        let (findings, lines, unused) = self.memory_end(rules, &file.display, windows, open);
        Some((
            findings,
            lines,
            unused.into_iter().map(|(_, note)| note).collect(),
        ))
    }

    /// A memory read whole (from standard input or an editor's buffer, or
    /// decoded from UTF-16 or another charset), checked window by window
    /// as one read from its file is: its findings and the directives that
    /// silenced nothing (by index). `None` if its text cannot be read so
    /// (written on one line, say), or its language was named on the
    /// command line.
    pub(super) fn memory_text_in_windows(
        &self,
        options: &CheckOptions,
        rules: &RuleSet,
        doc: &Document,
    ) -> Option<(Vec<Finding>, Vec<usize>)> {
        if options.language.is_some() {
            return None;
        }
        let bytes = doc.text.as_bytes();
        let windows = self
            .memory_windows(rules, options, &doc.path, bytes, MEMORY_WINDOW)
            .ok()?;
        if windows.directives.len() != doc.directives.len() {
            return None;
        }
        let (findings, _, unused) = self.memory_end(rules, &doc.path, windows, || Some(bytes));
        Some((findings, unused.into_iter().map(|(i, _)| i).collect()))
    }

    /// The first pass over a memory read from `source` in windows of about
    /// `window` bytes: each window checked and let go.
    // Kept whole: one window's check, from its reading to the parts kept of it; each step uses the
    // window's text before it is dropped.
    pub(super) fn memory_windows(
        &self,
        rules: &RuleSet,
        options: &CheckOptions,
        path: &str,
        source: impl Read,
        window: usize,
    ) -> Result<Windows, Unstreamable> {
        let per_window = rules.without(&[Rule::Inconsistent]);
        let inconsistent = rules.severity(Rule::Inconsistent).is_some();
        let mut reader = MemoryReader::new(source, window);
        let mut kept = Windows::new();
        while let Some(scan::Window { text, base, parsed }) = reader.next_window()? {
            // A segment without a language of its own is checked in the
            // document's, which may be told from the whole text: read whole.
            // Every other segment is checked in its own language.
            if parsed.segments.iter().any(|s| s.language.is_none()) {
                return Err(Unstreamable);
            }
            let mut doc = Document {
                path: path.to_owned(),
                text,
                format: Format::Tmx,
                declared: parsed.declared.is_some(),
                language: parsed
                    .declared
                    .unwrap_or_else(|| self.glossary.default_language.clone()),
                charset: None,
                segments: parsed.segments,
                directives: parsed.directives,
                inline_config: !options.no_inline_config,
                unfinished: parsed.unfinished,
            };
            if options.no_inline_config {
                doc.directives.clear();
            }
            skip_unfinished(&mut doc, self.glossary, options);
            // The uses gathered before this window, per language.
            let before: Vec<usize> = kept.uses.iter().map(|u| u.matches.len()).collect();
            let (found, unused) =
                self.memory_window(&per_window, &doc, base, &mut kept.uses, inconsistent);
            // What each directive says if it silences nothing.
            let index = (!doc.directives.is_empty()).then(|| LineIndex::new(&doc.text));
            for (i, d) in doc.directives.iter().enumerate() {
                let Some(index) = &index else { break };
                let p = index.position(d.at.start);
                let note = super::unused_note(path, d, p.line + kept.line - 1, p.column);
                let moved = Directive {
                    at: d.at.start + base..d.at.end + base,
                    silences: d.silences.start + base..d.silences.end + base,
                    names: d.names.clone(),
                };
                kept.directives.push((moved, !unused.contains(&i), note));
            }
            // The lines of this window's uses that `inconsistent` may
            // report: any but the preferred rendering's.
            let uses_to_show = kept.uses.iter().enumerate().flat_map(|(k, u)| {
                let new = before.get(k).copied().unwrap_or(0);
                u.matches[new..]
                    .iter()
                    .zip(&u.at[new..])
                    .filter(|(m, _)| !is_preferred(self.glossary, m))
                    .map(move |(m, &at)| at - base..at - base + m.range.len())
            });
            let ranges: Vec<Range<usize>> = super::finding_ranges(&found)
                .map(|r| r.start - base..r.end - base)
                .chain(uses_to_show)
                .collect();
            kept.lines
                .append_part(Source::lines_of(&doc.text, ranges), base, kept.line);
            kept.line += memchr::memchr_iter(b'\n', doc.text.as_bytes()).count();
            kept.findings.extend(found);
        }
        Ok(kept)
    }

    /// One window of a memory, which starts at byte `base` of it: its
    /// findings but `inconsistent`'s, in the memory's offsets, and which of
    /// its directives silenced nothing (by index). The uses `inconsistent`
    /// weighs are added to `uses`, when that rule runs.
    fn memory_window(
        &self,
        rules: &RuleSet,
        doc: &Document,
        base: usize,
        uses: &mut Vec<Uses>,
        inconsistent: bool,
    ) -> (Vec<Finding>, Vec<usize>) {
        let keep = |language: &LangTag, matches: &[TermMatch]| {
            if !inconsistent {
                return;
            }
            let at = uses
                .iter()
                .position(|u| u.language == *language)
                .unwrap_or_else(|| {
                    uses.push(Uses {
                        language: language.clone(),
                        terms: self.matcher.terms_named_several_ways(language),
                        matches: Vec::new(),
                        introduced: Vec::new(),
                        at: Vec::new(),
                        letters: String::new(),
                    });
                    uses.len() - 1
                });
            let u = &mut uses[at];
            let weighed: Vec<TermMatch> = matches
                .iter()
                .filter(|m| u.terms.contains(&m.term))
                .cloned()
                .collect();
            let introduced = rules::inconsistent_introduced(&doc.text, self.glossary, &weighed);
            for (mut m, introduced) in weighed.into_iter().zip(introduced) {
                let start = u.letters.len();
                u.letters.push_str(&doc.text[m.range.clone()]);
                // No letters run on from one use into the next.
                u.letters.push('<');
                u.at.push(m.range.start + base);
                m.range = start..start + m.range.len();
                u.matches.push(m);
                u.introduced.push(introduced);
            }
        };
        let (mut found, unused, _) = self.document_keeping(rules, doc, keep);
        let unused = unused
            .iter()
            .filter_map(|d| doc.directives.iter().position(|e| std::ptr::eq(e, *d)))
            .collect();
        shift(&mut found, base);
        (found, unused)
    }

    /// The end of a memory's check: `inconsistent` over the uses of every
    /// window, the directives over its findings, and near-miss's evidence
    /// over the whole memory, read again from `again` (`None`: every
    /// candidate stays). The findings, sorted, the lines they are on, and
    /// the notes on the directives that silenced nothing.
    pub(super) fn memory_end<R: Read>(
        &self,
        rules: &RuleSet,
        path: &str,
        windows: Windows,
        again: impl FnOnce() -> Option<R>,
    ) -> (Vec<Finding>, Source, Vec<(usize, String)>) {
        let Windows {
            mut findings,
            uses,
            mut directives,
            lines,
            ..
        } = windows;
        let mut more: Vec<Finding> = uses
            .into_iter()
            .flat_map(|u| self.inconsistent_uses(rules, path, u))
            .collect();
        more.retain(|f| {
            let mut silenced = false;
            for (d, used, _) in &mut directives {
                if d.covers(f.range.start, f.rule.code(), f.term()) {
                    *used = true;
                    silenced = true;
                }
            }
            !silenced
        });
        findings.extend(more);
        drop_ordinary_words(self.glossary, &mut findings, again);
        rules::sort(&mut findings);
        let unused = directives
            .into_iter()
            .enumerate()
            .filter(|(_, (_, used, _))| !used)
            .map(|(i, (_, _, note))| (i, note))
            .collect();
        (findings, lines, unused)
    }

    /// `inconsistent`'s findings over one language's uses, in the memory's
    /// offsets, their fixes fitted to it (none: a memory is never written).
    fn inconsistent_uses(&self, rules: &RuleSet, path: &str, uses: Uses) -> Vec<Finding> {
        let mut ctx = Context::new(
            path,
            &uses.letters,
            &[],
            &uses.language,
            self.glossary,
            rules,
        );
        ctx.syntax = Format::Tmx.syntax();
        rules::run_inconsistent_with(&mut ctx, &uses.matches, &uses.introduced);
        let mut found = ctx.into_findings();
        let letters = Document {
            path: path.to_owned(),
            text: uses.letters,
            format: Format::Tmx,
            language: uses.language,
            declared: true,
            charset: None,
            segments: Vec::new(),
            directives: Vec::new(),
            inline_config: true,
            unfinished: Vec::new(),
        };
        fit_fixes_to_format(&letters, &mut found);
        let (matches, at) = (&uses.matches, &uses.at);
        relocate(&mut found, |offset| {
            let k = matches.partition_point(|m| m.range.start <= offset) - 1;
            at[k] + offset - matches[k].range.start
        });
        found
    }
}

/// Whether `m` is of its term's preferred rendering, which `inconsistent`
/// never reports (the document's main rendering whenever it is used).
fn is_preferred(glossary: &crate::glossary::Glossary, m: &TermMatch) -> bool {
    m.rendering(glossary).kind == crate::glossary::RenderingKind::Preferred
}

/// `findings` moved by `base` bytes: from a window's offsets to the file's.
fn shift(findings: &mut [Finding], base: usize) {
    if base > 0 {
        relocate(findings, |offset| offset + base);
    }
}

/// Moves each of `findings`, and its related places in the same document,
/// to start at `to(start)`. Findings that shared a detail share the moved
/// copy.
fn relocate(findings: &mut [Finding], to: impl Fn(usize) -> usize) {
    let mut moved: std::collections::HashMap<*const Detail, (Arc<Detail>, Arc<Detail>)> =
        std::collections::HashMap::new();
    for f in findings {
        f.range = to(f.range.start)..to(f.range.start) + f.range.len();
        if !f.related().iter().any(|r| *r.path == *f.path()) {
            continue;
        }
        let original = f.detail();
        let (_, new) = moved.entry(Arc::as_ptr(original)).or_insert_with(|| {
            let mut detail = Detail::clone(original);
            for r in detail.related.iter_mut() {
                if *r.path == *detail.path {
                    r.range = to(r.range.start)..to(r.range.start) + r.range.len();
                }
            }
            (Arc::clone(original), Arc::new(detail))
        });
        let new = Arc::clone(new);
        f.set_detail(new);
    }
}

/// Drops the near-miss candidates that the memory also writes in lower
/// case, as a word, outside the window they were found in (each window
/// looked at its own text): the evidence that near-miss takes from the
/// whole of any other document. `again` reads the memory once more.
fn drop_ordinary_words<R: Read>(
    glossary: &crate::glossary::Glossary,
    findings: &mut Vec<Finding>,
    again: impl FnOnce() -> Option<R>,
) {
    let words_allowed: std::collections::HashMap<&str, bool> =
        if findings.iter().any(|f| f.rule == Rule::NearMiss) {
            glossary
                .terms
                .iter()
                .map(|t| (t.id.as_str(), t.near_miss_words))
                .collect()
        } else {
            return;
        };
    let lower = |f: &Finding| {
        (f.rule == Rule::NearMiss && words_allowed.get(f.term()) == Some(&false))
            .then(|| rules::near_miss_lower_case(f.found()))
            .flatten()
    };
    let wanted: HashSet<String> = findings.iter().filter_map(lower).collect();
    if wanted.is_empty() {
        return;
    }
    let Some(source) = again() else {
        return;
    };
    let seen = words_in(source, wanted);
    findings.retain(|f| lower(f).is_none_or(|w| !seen.contains(&w)));
}

/// Those of `wanted` that `source` holds as whole words, read a few
/// megabytes at a time, each piece ending after a newline (no word goes
/// on past one).
fn words_in(mut source: impl Read, mut wanted: HashSet<String>) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut at_end = false;
    while !at_end && !wanted.is_empty() {
        let before = pending.len();
        match (&mut source)
            .take(MEMORY_WINDOW as u64)
            .read_to_end(&mut pending)
        {
            Ok(0) | Err(_) => at_end = true,
            Ok(_) => {}
        }
        let cut = if at_end {
            pending.len()
        } else {
            match memchr::memrchr(b'\n', &pending[before..]) {
                Some(i) => before + i + 1,
                None => continue,
            }
        };
        let rest = pending.split_off(cut);
        let text = String::from_utf8_lossy(&pending);
        let found = rules::whole_words_in(&text, wanted.clone());
        wanted.retain(|w| !found.contains(w));
        seen.extend(found);
        pending = rest;
    }
    seen
}

impl Checker<'_> {
    /// [`Self::document_full`] for a translation memory, its units checked
    /// a window of about `window` bytes at a time, so that a memory of
    /// 500 MB does not hold the matches of all its units at once (issue
    /// 22). A memory's units are independent: every rule but
    /// `inconsistent` looks at one unit, or at one segment, at a time (and
    /// near-miss's evidence of a word in lower case reads the whole text
    /// anyway). `inconsistent` weighs every use of a term in the document:
    /// it runs once at the end, over the matches of the terms that can be
    /// named in more than one way. A memory is never fixed and never
    /// compared with other documents, so no matches are returned. The
    /// directives that silenced nothing are given by index.
    pub(super) fn memory_in_windows(
        &self,
        rules: &RuleSet,
        doc: &mut Document,
        window: usize,
    ) -> (Vec<Finding>, Vec<usize>) {
        let all = std::mem::take(&mut doc.segments);
        let per_window = rules.without(&[Rule::Inconsistent]);
        // Per language: the terms `inconsistent` can report there, and
        // their matches so far. Nothing is kept when the rule is off.
        type Kept = (LangTag, crate::hash::FastSet<usize>, Vec<TermMatch>);
        let mut kept: Vec<Kept> = Vec::new();
        let inconsistent = rules.severity(Rule::Inconsistent).is_some();
        let mut findings = Vec::new();
        let mut used = vec![false; doc.directives.len()];
        for range in unit_windows(&all, window) {
            doc.segments = all[range].to_vec();
            let keep = |language: &LangTag, matches: &[TermMatch]| {
                if !inconsistent {
                    return;
                }
                let at = kept
                    .iter()
                    .position(|(l, _, _)| l == language)
                    .unwrap_or_else(|| {
                        let terms = self.matcher.terms_named_several_ways(language);
                        kept.push((language.clone(), terms, Vec::new()));
                        kept.len() - 1
                    });
                let (_, terms, ms) = &mut kept[at];
                ms.extend(matches.iter().filter(|m| terms.contains(&m.term)).cloned());
            };
            let (found, unused, _) = self.document_keeping(&per_window, doc, keep);
            findings.extend(found);
            mark_used(&doc.directives, &unused, &mut used);
        }
        doc.segments = all;
        if inconsistent {
            let mut more = Vec::new();
            for (language, _, matches) in &kept {
                let mut ctx =
                    Context::new(&doc.path, &doc.text, &[], language, self.glossary, rules);
                ctx.syntax = doc.format.syntax();
                rules::run_inconsistent(&mut ctx, matches);
                more.extend(ctx.into_findings());
            }
            fit_fixes_to_format(doc, &mut more);
            let unused = apply_directives(doc, &mut more);
            mark_used(&doc.directives, &unused, &mut used);
            findings.extend(more);
        }
        rules::sort(&mut findings);
        let unused = used
            .iter()
            .enumerate()
            .filter(|(_, u)| !**u)
            .map(|(i, _)| i)
            .collect();
        (findings, unused)
    }
}

/// Sets `used` for each of `all` that is not among `unused`, which lists
/// some of `all` in order (as [`apply_directives`] returns them).
fn mark_used(all: &[Directive], unused: &[&Directive], used: &mut [bool]) {
    let mut unused = unused.iter().peekable();
    for (d, used) in all.iter().zip(used) {
        if unused.next_if(|u| std::ptr::eq(**u, d)).is_none() {
            *used = true;
        }
    }
}

/// `segments` cut into runs of about `window` bytes of text, never inside
/// a unit: ranges of segment indexes, in order.
fn unit_windows(segments: &[Segment], window: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, s) in segments.iter().enumerate() {
        let unit = s.unit.map(|(u, _)| u);
        let new_unit = i > 0 && (unit.is_none() || unit != segments[i - 1].unit.map(|(u, _)| u));
        if size >= window && new_unit {
            out.push(start..i);
            (start, size) = (i, 0);
        }
        size += s.range.len();
    }
    if start < segments.len() {
        out.push(start..segments.len());
    }
    out
}
