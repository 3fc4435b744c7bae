//! What a rule sees of its document, and the one door findings go through.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::{
    IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator, ParallelIterator,
};

use crate::diagnostic::{Detail, Finding, Fix, Severity};
use crate::glossary::{Glossary, Rendering, Term};
use crate::hash::{FastSet, WordHasher};
use crate::lang::LangTag;
use crate::rules::Rule;

/// Which rules run, at which severity: the glossary's `[rules]` merged with
/// `--select` / `--ignore`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    severities: Vec<(Rule, Option<Severity>)>,
}

impl RuleSet {
    /// `select`: if given, only these rules run. `ignore`: these never run.
    pub fn new(glossary: &Glossary, select: Option<&[Rule]>, ignore: &[Rule]) -> RuleSet {
        let severities = Rule::ALL
            .into_iter()
            .map(|rule| {
                let configured = glossary
                    .severities
                    .iter()
                    .find(|(r, _)| *r == rule)
                    .map_or(Some(rule.default_severity()), |&(_, s)| s);
                let selected = select.is_none_or(|s| s.contains(&rule)) && !ignore.contains(&rule);
                (rule, configured.filter(|_| selected))
            })
            .collect();
        RuleSet { severities }
    }

    /// The same rules, with `off` turned off (`[[ignore]]` rules for a path).
    pub fn without(&self, off: &[Rule]) -> RuleSet {
        let severities = self
            .severities
            .iter()
            .map(|&(rule, s)| (rule, s.filter(|_| !off.contains(&rule))))
            .collect();
        RuleSet { severities }
    }

    /// The severity `rule` reports at, or `None` if it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.severities
            .iter()
            .find(|(r, _)| *r == rule)
            .and_then(|&(_, s)| s)
    }
}

/// One document, as the rules see it.
pub struct Context<'a> {
    pub path: &'a str,
    /// The whole document text: match ranges index into it.
    pub text: &'a str,
    /// The parts of `text` that are checked.
    pub segments: &'a [Range<usize>],
    pub language: &'a LangTag,
    pub glossary: &'a Glossary,
    /// How the text writes characters other than as themselves: in
    /// markup `&amp;` stands for `&`, in a PO string `\"` for `"`.
    pub syntax: crate::normalize::Syntax,
    rules: &'a RuleSet,
    findings: Vec<Finding>,
    /// Each term's preferred rendering in `language`, by the term's
    /// address, once asked for: a term of a large term base has renderings
    /// in 160 languages, and a finding asks for it up to three times.
    preferred: RefCell<HashMap<usize, Option<&'a Rendering>, BuildHasherDefault<WordHasher>>>,
    strings: Strings,
}

/// The strings a document's findings share. A dense document repeats one
/// mistake thousands of times: its findings point to one path, one found
/// text, one message, instead of owning a copy each (issue 26: a finding
/// cost 1 KB of peak memory when it owned six strings).
#[derive(Clone)]
struct Strings {
    path: Arc<str>,
    seen: FastSet<Arc<str>>,
    details: FastSet<Arc<Detail>>,
}

impl Strings {
    fn new(path: &str) -> Strings {
        Strings {
            path: path.into(),
            seen: FastSet::default(),
            details: FastSet::default(),
        }
    }

    /// One `Arc` for the findings that say the same thing (a misspelling
    /// written a thousand times is a thousand 32-byte findings and one
    /// detail).
    fn detail(&mut self, detail: Detail) -> Arc<Detail> {
        if let Some(known) = self.details.get(&detail) {
            return Arc::clone(known);
        }
        let new = Arc::new(detail);
        self.details.insert(Arc::clone(&new));
        new
    }

    fn share(&mut self, s: &str) -> Arc<str> {
        if let Some(known) = self.seen.get(s) {
            return Arc::clone(known);
        }
        let new: Arc<str> = s.into();
        self.seen.insert(Arc::clone(&new));
        new
    }

    /// `share`, keeping `s` itself if it is new.
    fn keep(&mut self, s: Arc<str>) -> Arc<str> {
        if let Some(known) = self.seen.get(&*s) {
            return Arc::clone(known);
        }
        self.seen.insert(Arc::clone(&s));
        s
    }
}

impl<'a> Context<'a> {
    pub fn new(
        path: &'a str,
        text: &'a str,
        segments: &'a [Range<usize>],
        language: &'a LangTag,
        glossary: &'a Glossary,
        rules: &'a RuleSet,
    ) -> Self {
        Context {
            path,
            text,
            segments,
            language,
            glossary,
            syntax: crate::normalize::Syntax::Plain,
            rules,
            findings: Vec::new(),
            preferred: RefCell::default(),
            strings: Strings::new(path),
        }
    }

    /// The text in `range` as a reader sees it: references decoded in
    /// markup, escapes in a PO string.
    pub fn read(&self, range: Range<usize>) -> std::borrow::Cow<'a, str> {
        self.syntax.decode(&self.text[range])
    }

    /// How to write rendering `to` where `m` (a match of rendering `from`)
    /// stands: in the found text's case, with its ending; a name declined
    /// as a whole, in the case it was found in where that case gives one
    /// form of `to` ("Касым-Жомарта Токаяева" → "Касым-Жомарта Токаева").
    /// `None` where that cannot be done without knowing the sentence: a
    /// declined name of an uncertain case, a match cut short, or an ending
    /// outside English, where it may depend on the word it follows
    /// ("Киргизию" does not become "Кыргызстаню").
    pub(super) fn swap(&self, m: &crate::matcher::TermMatch, from: &str, to: &str) -> Option<Swap> {
        if let Some(form) = m.declined.as_deref().filter(|_| !m.truncated) {
            let person = m.term(self.glossary).category == crate::glossary::Category::Person;
            let language = self.language.primary();
            let declined = crate::inflect::decline_as(language, person, from, form, to)?;
            return Some(Swap {
                text: in_found_case(&declined, &self.read(m.range.clone()), form),
                alike: crate::inflect::declines_alike(language, from, to),
            });
        }
        let ending = m.ending(self.text);
        let keeps = (ending.is_empty() || self.language.primary() == "en")
            && m.declined.is_none()
            && !m.truncated;
        keeps.then(|| Swap {
            text: format!("{}{ending}", in_found_case(to, &self.read(m.stem()), from)),
            alike: crate::inflect::declines_alike(self.language.primary(), from, to),
        })
    }

    pub fn is_enabled(&self, rule: Rule) -> bool {
        self.rules.severity(rule).is_some()
    }

    /// How messages name `term` in this document.
    pub fn name_of(&self, term: &'a Term) -> &'a str {
        let default = &self.glossary.default_language;
        self.preferred(term)
            .map_or_else(|| term.display_name(default, default), |r| &r.text)
    }

    /// `term`'s preferred rendering in the document's language.
    pub fn preferred(&self, term: &'a Term) -> Option<&'a Rendering> {
        let key = std::ptr::from_ref(term).addr();
        if let Some(&known) = self.preferred.borrow().get(&key) {
            return known;
        }
        // A term with no rendering in the document's language is checked
        // with the default language's (the matcher's fallback).
        let found = term.preferred(self.language).or_else(|| {
            (!term.renders(self.language))
                .then(|| term.preferred(&self.glossary.default_language))
                .flatten()
        });
        self.preferred.borrow_mut().insert(key, found);
        found
    }

    /// Records a finding, unless its rule is off. `expected` is the term's
    /// preferred rendering in the document's language.
    pub fn report(
        &mut self,
        rule: Rule,
        range: Range<usize>,
        term: &'a Term,
        message: String,
        fix: Option<Fix>,
    ) {
        let expected = self.preferred(term).map(|r| r.text.clone());
        self.report_expecting(rule, range, term, expected, message, fix);
    }

    /// Records a finding about the document rather than a term (numbers).
    pub fn report_document(&mut self, rule: Rule, range: Range<usize>, message: String) {
        self.push(rule, range, "", None, &message, None);
    }

    /// Records a finding with its own `expected` rendering.
    pub fn report_expecting(
        &mut self,
        rule: Rule,
        range: Range<usize>,
        term: &Term,
        expected: Option<String>,
        message: String,
        fix: Option<Fix>,
    ) {
        self.push(rule, range, &term.id, expected.as_deref(), &message, fix);
    }

    /// The one place a finding is made: severity from the rule set, path,
    /// language and found text from the document.
    fn push(
        &mut self,
        rule: Rule,
        range: Range<usize>,
        term: &str,
        expected: Option<&str>,
        message: &str,
        fix: Option<Fix>,
    ) {
        let Some(severity) = self.rules.severity(rule) else {
            return;
        };
        let strings = &mut self.strings;
        let detail = Detail {
            path: Arc::clone(&strings.path),
            found: strings.share(&self.text[range.clone()]),
            term: strings.share(term),
            language: self.language.clone(),
            expected: expected.map(|e| strings.share(e)),
            message: strings.share(message),
            fix: fix.map(|f| Fix {
                replacement: strings.keep(f.replacement),
                ..f
            }),
            related: Box::default(),
        };
        let detail = strings.detail(detail);
        self.findings
            .push(Finding::new(rule, severity, range, detail));
    }

    /// Whether `rule` runs here (it is not off).
    pub fn runs(&self, rule: Rule) -> bool {
        self.rules.severity(rule).is_some()
    }

    /// Adds a place that explains the finding just reported by `report`
    /// (nothing if that rule is off and nothing was reported).
    pub fn relate(&mut self, rule: Rule, related: crate::diagnostic::Related) {
        if let Some(last) = self.findings.last_mut().filter(|f| f.rule == rule) {
            last.relate([related]);
        }
    }

    /// `relate`, only if the last finding is the one of `rule` at `range`
    /// (a directive may have silenced it).
    pub fn relate_to(
        &mut self,
        rule: Rule,
        range: &Range<usize>,
        related: crate::diagnostic::Related,
    ) {
        if let Some(last) = self
            .findings
            .last_mut()
            .filter(|f| f.rule == rule && f.range == *range)
        {
            last.relate([related]);
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// Drops the findings of `rule` whose span overlaps one of `by`'s: one
    /// mistake, one finding ("NurSultan" is forbidden by a pattern, and
    /// that says more than "close to Nur-Sultan").
    pub(crate) fn drop_overlapping(&mut self, rule: Rule, by: Rule) {
        let mut spans: Vec<Range<usize>> = self
            .findings
            .iter()
            .filter(|f| f.rule == by)
            .map(|f| f.range.clone())
            .collect();
        if spans.is_empty() {
            return;
        }
        spans.sort_by_key(|r| r.start);
        self.findings.retain(|f| {
            f.rule != rule || {
                let i = spans.partition_point(|s| s.end <= f.range.start);
                spans.get(i).is_none_or(|s| s.start >= f.range.end)
            }
        });
    }

    /// Runs `check` on every core, once for each of `parts`, each with a
    /// context of its own for this document that checks only
    /// `segments(part)`; adds their findings in the order of `parts`, the
    /// order one pass over them would make them in, and returns what each
    /// returned, in the same order.
    pub(super) fn check_in_parallel<P: Sync, R: Send>(
        &mut self,
        parts: &[P],
        segments: impl Fn(&P) -> &[Range<usize>],
        check: impl Fn(&mut Context<'_>, &P) -> R + Sync,
    ) -> Vec<R> {
        let forks: Vec<Context<'_>> = parts
            .iter()
            .map(|part| Context {
                path: self.path,
                text: self.text,
                segments: segments(part),
                language: self.language,
                glossary: self.glossary,
                syntax: self.syntax,
                rules: self.rules,
                findings: Vec::new(),
                preferred: RefCell::default(),
                strings: self.strings.clone(),
            })
            .collect();
        let (returned, found): (Vec<R>, Vec<Vec<Finding>>) = forks
            .into_par_iter()
            .zip(parts.par_iter())
            .map(|(mut own, part)| {
                let returned = check(&mut own, part);
                (returned, own.findings)
            })
            .unzip();
        self.findings
            .reserve_exact(found.iter().map(Vec::len).sum::<usize>());
        for part in found {
            self.findings.extend(part);
        }
        returned
    }
}

/// Found text as a message shows it: a name wrapped over lines on one line.
pub(super) fn oneline(found: &str) -> std::borrow::Cow<'_, str> {
    let bytes = found.as_bytes();
    // Most names are on one line already: no copy for those.
    let on_one_line = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.iter().any(|&b| b != b' ' && b.is_ascii_whitespace())
        && !found.contains("  ");
    if on_one_line {
        std::borrow::Cow::Borrowed(found)
    } else {
        std::borrow::Cow::Owned(found.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// A rendering written where another stood ([`Context::swap`]).
pub(super) struct Swap {
    pub(super) text: String,
    /// Both renderings decline alike: with no ending, the same case is
    /// right for both ("в Астана" for "в Нур-Султан" is not).
    pub(super) alike: bool,
}

impl Swap {
    /// What a message adds when the swap may need another case ending.
    pub(super) fn caution(&self, to: &str) -> String {
        if self.alike {
            String::new()
        } else {
            format!("; \"{to}\" declines otherwise, so check its case ending")
        }
    }
}

/// A replacement in the style of what it replaces (issue 21): found text in
/// capitals ("NUR-SULTAN, 2021" in a dateline) gets the replacement in
/// capitals ("ASTANA"); found text in title case where its own rendering has
/// lower-case words (a heading) gets the replacement in title case.
pub(super) fn in_found_case(replacement: &str, found: &str, rendering: &str) -> String {
    if is_all_capitals(found) {
        replacement.to_uppercase()
    } else if is_title_case_of(found, rendering) {
        title_case(replacement)
    } else {
        replacement.to_owned()
    }
}

/// Written in capitals: two or more cased letters, none of them small.
pub(super) fn is_all_capitals(text: &str) -> bool {
    let upper = text.chars().filter(|c| c.is_uppercase()).take(2).count();
    upper >= 2 && !text.chars().any(char::is_lowercase)
}

/// `found` is `rendering` with the first letter of each word capitalised,
/// where `rendering` has at least one word that starts in lower case
/// ("Heads Of State" for "Heads of State"): a heading's style.
pub(super) fn is_title_case_of(found: &str, rendering: &str) -> bool {
    let (f, r): (Vec<&str>, Vec<&str>) = (
        found.split_whitespace().collect(),
        rendering.split_whitespace().collect(),
    );
    let starts_small = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
    f.len() == r.len()
        && f.len() > 1
        && r.iter().any(starts_small)
        && !f.iter().any(starts_small)
        && f.iter().zip(&r).all(|(fw, rw)| {
            let (mut fc, mut rc) = (fw.chars(), rw.chars());
            match (fc.next(), rc.next()) {
                (Some(a), Some(b)) => a.to_lowercase().eq(b.to_lowercase()) && fc.eq(rc),
                _ => false,
            }
        })
}

/// Each word's first letter capitalised.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    for c in text.chars() {
        if at_start && c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        at_start = c.is_whitespace();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{in_found_case, is_all_capitals, is_title_case_of, oneline};
    use std::borrow::Cow;

    #[test]
    fn replacements_follow_capitals_and_title_case() {
        assert_eq!(
            in_found_case("Astana", "NUR-SULTAN", "Nur-Sultan"),
            "ASTANA"
        );
        assert_eq!(
            in_found_case("Astana", "Nur-Sultan", "Nur-Sultan"),
            "Astana"
        );
        assert_eq!(
            in_found_case("Heads of State", "Chiefs Of State", "Chiefs of State"),
            "Heads Of State"
        );
        assert!(is_all_capitals("АСТАНА") && !is_all_capitals("A") && !is_all_capitals("Astana"));
        assert!(is_title_case_of("Heads Of State", "Heads of State"));
        assert!(!is_title_case_of("Heads of State", "Heads of State"));
        assert!(!is_title_case_of("Astana", "astana"));
    }

    #[test]
    fn oneline_joins_a_name_wrapped_over_lines() {
        assert_eq!(
            oneline("Alat International\n   Trade\tSeaport"),
            "Alat International Trade Seaport"
        );
        assert_eq!(oneline(" Astana "), "Astana");
        assert_eq!(oneline("Nur  Sultan"), "Nur Sultan");
        assert_eq!(oneline("Nur\r\nSultan"), "Nur Sultan");
    }

    #[test]
    fn oneline_borrows_a_name_already_on_one_line() {
        assert!(matches!(
            oneline("Alat International Trade Seaport"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(oneline("Oʻzbekiston"), Cow::Borrowed(_)));
        assert!(matches!(oneline(""), Cow::Borrowed("")));
    }
}
