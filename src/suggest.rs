//! `termlint suggest`: glossary entries proposed from the documents.
//!
//! Candidates are proper-name-like word sequences the glossary does not
//! cover: capitalised words (joined by `of`, `the`, `and`, `for`), words with
//! digits (COP29, Birlestik-2024) and acronyms, without leading ordinary
//! words ("The", "Last") and never a lone ordinary word. Candidates that are
//! variants of each other — near-misses by the same measure as the
//! `near-miss` rule, or phrases that differ in one word where one word
//! contains the other ("Seaport"/"Port") — form one proposed term: the form
//! seen in most documents, then most often, then in the document richest in
//! names (usually the source), is preferred; the others are listed, commented
//! out, as forbidden candidates. The output is valid glossary.toml.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::ops::Range;

use crate::dictionary;
use crate::interchange::quote;
use crate::lang::LangTag;
use crate::matcher::fuzzy::{allowed, similar, skeleton};
use crate::normalize::fold_key;

/// One document's text as suggest reads it.
pub struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub language: &'a LangTag,
    pub segments: Vec<Range<usize>>,
    /// Byte ranges the glossary already covers.
    pub covered: Vec<Range<usize>>,
    /// Near-misses of the glossary's terms, which `check` reports: never
    /// proposed as new terms.
    pub near: Vec<Near>,
    /// The language's words, as near-miss reads them (its Hunspell
    /// dictionary): an ordinary word at the start of a sentence
    /// ("Делегация", "Президент") is no name.
    pub words: Option<std::sync::Arc<crate::matcher::FuzzyIndex>>,
}

/// A spelling near a term the glossary has.
pub struct Near {
    pub range: Range<usize>,
    /// The term's id, and the rendering it is near.
    pub term: String,
    pub expected: String,
}

/// A form seen in the documents.
#[derive(Debug, Clone, Default)]
struct Form {
    text: String,
    count: usize,
    documents: Vec<usize>,
    /// A title or office ("President of Kazakhstan"), not a name.
    title: bool,
    /// Times it follows a title: a person's name.
    after_title: usize,
    /// Inflected spellings the documents write, when `text` is the base
    /// form derived from them ("Астану" for "Астана").
    seen_as: Vec<String>,
    /// Spellings of the same key with letters of two scripts
    /// ("Кaзахстан", its "a" Latin): never preferred, proposed as
    /// forbidden.
    lookalikes: Vec<String>,
}

/// Whether a word of `text` mixes Latin letters with Cyrillic or Greek
/// ones: a look-alike spelling, not a name as anyone writes it.
fn mixes_scripts(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|word| {
        let latin = word
            .chars()
            .any(|c| c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c));
        let other = word.chars().any(|c| ('\u{0370}'..='\u{052F}').contains(&c));
        latin && other
    })
}

/// Titles and offices that precede a name ("President Ilham Aliyev",
/// "Президент Казахстана Касым-Жомарт Токаев"), by language, in lower
/// case, with the words that join them into one ("Prime Minister", "Vice
/// President"). A run of capitalised words is cut at them: the title, with
/// its "of <Country>" complement, is a title of its own, proposed when it
/// recurs; the name after it is the name.
const TITLES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "president",
            "presidents",
            "minister",
            "ministers",
            "chairman",
            "chairwoman",
            "secretary-general",
            "king",
            "queen",
            "prince",
            "princess",
            "emir",
            "sheikh",
            "sultan",
            "governor",
            "mayor",
            "ambassador",
            "chancellor",
            "premier",
            "pope",
            "senator",
            "heads",
            "head",
            "prime",
            "foreign",
            "deputy",
            "vice",
            "acting",
        ],
    ),
    (
        "ru",
        &[
            "президент",
            "президента",
            "президенту",
            "президентом",
            "президенты",
            "премьер-министр",
            "премьер-министра",
            "премьер-министру",
            "премьер-министром",
            "министр",
            "министра",
            "министру",
            "министром",
            "председатель",
            "председателя",
            "посол",
            "посла",
            "губернатор",
            "мэр",
            "король",
            "королева",
            "принц",
            "генсек",
            "вице-президент",
            "глава",
            "главы",
        ],
    ),
    (
        "uk",
        &[
            "президент",
            "президента",
            "прем'єр-міністр",
            "міністр",
            "голова",
            "посол",
        ],
    ),
    (
        "kk",
        &[
            "президент",
            "президенті",
            "премьер-министр",
            "министр",
            "төраға",
            "елші",
        ],
    ),
    (
        "ky",
        &[
            "президент",
            "президенти",
            "премьер-министр",
            "министр",
            "төрага",
        ],
    ),
    (
        "uz",
        &[
            "prezident",
            "prezidenti",
            "vazir",
            "vaziri",
            "bosh",
            "президент",
            "президенти",
        ],
    ),
    (
        "az",
        &["prezident", "prezidenti", "nazir", "naziri", "baş", "səfir"],
    ),
    (
        "tr",
        &["cumhurbaşkanı", "başbakan", "bakan", "bakanı", "büyükelçi"],
    ),
    (
        "de",
        &[
            "präsident",
            "präsidentin",
            "bundeskanzler",
            "kanzler",
            "kanzlerin",
            "minister",
            "ministerin",
            "außenminister",
        ],
    ),
    ("fr", &["président", "présidente", "ministre", "premier"]),
    (
        "es",
        &[
            "presidente",
            "presidenta",
            "ministro",
            "ministra",
            "canciller",
        ],
    ),
];

/// Whether `word` is a title in `language` (English titles count in every
/// language written in Latin letters: "President" in a German text).
fn is_title(language: &LangTag, word: &str) -> bool {
    let lower = word.to_lowercase();
    TITLES
        .iter()
        .filter(|(l, _)| *l == language.primary() || *l == "en")
        .any(|(_, words)| words.contains(&lower.as_str()))
}

/// Words that may join capitalised words inside a name ("Republic of
/// Azerbaijan"). Not "and": it joins two names far more often than it sits
/// inside one.
const CONNECTORS: &[&str] = &["of", "the", "for", "de", "al", "el"];

/// The parts of `range` of `text` outside `<...>` tags.
fn between_tags(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let Some(open) = text[at..range.end].find('<').map(|k| at + k) else {
            out.push(at..range.end);
            break;
        };
        if open > at {
            out.push(at..open);
        }
        match text[open..range.end].find('>') {
            Some(k) => at = open + k + 1,
            // "a < b": no tag.
            None => {
                out.push(open..range.end);
                break;
            }
        }
    }
    out
}

/// How `suggest` chooses and labels proposals.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Names seen fewer times than this (all the spellings of one name
    /// together) are left out.
    pub min_count: usize,
    /// Each proposal's category guessed from its words and context
    /// (from titles and head nouns) instead of `other`.
    pub category_hints: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_count: 1,
            category_hints: false,
        }
    }
}

/// What `suggest` reads of one document: its own language's segments,
/// the ranges the glossary already covers there, and its near-misses of
/// the glossary's terms (the `near-miss` rule as `check` runs it: the
/// checker's rules are that rule alone).
pub fn source<'d>(
    checker: &crate::check::Checker<'_>,
    doc: &'d crate::scan::Document,
) -> Source<'d> {
    let (glossary, matcher) = (checker.glossary(), checker.matcher());
    let near = if glossary.rendering_count() == 0 {
        Vec::new()
    } else {
        checker
            .check_document(doc)
            .into_iter()
            .filter(|f| f.rule == crate::rules::Rule::NearMiss)
            .map(|f| Near {
                term: f.term().to_owned(),
                expected: f.expected().unwrap_or_default().to_owned(),
                range: f.range,
            })
            .collect()
    };
    // An inline tag's attributes ("<ph id=\"source2\"/>") are no text: the
    // segments of markup are read between tags.
    let segments = if doc.format.syntax() == crate::normalize::Syntax::Markup {
        doc.own_segments()
            .into_iter()
            .flat_map(|r| between_tags(&doc.text, r))
            .collect()
    } else {
        doc.own_segments()
    };
    let covered = segments
        .iter()
        .flat_map(|r| {
            matcher.find(
                &doc.language,
                &doc.text[r.clone()],
                r.start,
                doc.format.syntax(),
            )
        })
        .map(|m| m.range)
        .collect();
    Source {
        path: &doc.path,
        text: &doc.text,
        language: &doc.language,
        segments,
        covered,
        near,
        words: Some(matcher.fuzzy(&doc.language)),
    }
}

/// What `suggest` printed, and what it could not read.
pub struct Suggested {
    /// The proposed glossary, as TOML text.
    pub toml: String,
    /// The paths that could not be read; the others were.
    pub errors: Vec<crate::error::ScanError>,
    /// How a document was read (a language told from its text).
    pub notes: Vec<String>,
}

/// Documents read at once: each batch is read and searched on every core,
/// then reduced to its candidates and dropped, so that memory holds a
/// batch's texts and one entry per distinct candidate, however many files
/// the run has.
const BATCH: usize = 64;

/// `suggest` over the documents under `paths`, walked as `check` walks them
/// (the glossary never among them) and read as `check` reads them. Each
/// document is reduced to its candidates as soon as it is read; the few
/// that an acronym's lower-case expansion needs again are read a second
/// time ([`Texts`]).
pub fn from_paths(
    checker: &crate::check::Checker<'_>,
    paths: &[std::path::PathBuf],
    options: Options,
) -> Suggested {
    use rayon::prelude::*;
    let skip: Vec<std::path::PathBuf> = std::fs::canonicalize(&checker.glossary().path)
        .ok()
        .into_iter()
        .collect();
    let home = skip.first().and_then(|g| g.parent());
    let crate::scan::Walk {
        files, mut errors, ..
    } = crate::scan::walk(paths, None, false, &skip, home);
    let mut tally = Tally::default();
    let mut notes = Vec::new();
    let mut read = Vec::new();
    for batch in files.chunks(BATCH) {
        let summaries: Vec<_> = batch
            .par_iter()
            .map(|f| {
                checker.read(f).map(|doc| {
                    doc.map(|(doc, said)| {
                        let source = source(checker, &doc);
                        let words = source.words.clone();
                        let summary = summarize(&source);
                        (doc.path.clone(), doc.language.clone(), words, summary, said)
                    })
                })
            })
            .collect();
        for (f, summary) in batch.iter().zip(summaries) {
            match summary {
                Ok(Some((path, language, words, summary, said))) => {
                    tally.add(path, language, words, summary);
                    notes.extend(said);
                    read.push(f);
                }
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
    }
    let languages = std::mem::take(&mut tally.languages);
    let again = Reread {
        checker,
        files: read,
        languages: &languages,
    };
    let toml = tally.proposals(options, &again);
    Suggested {
        toml,
        errors,
        notes,
    }
}

/// The texts of a run's documents, visited again after their candidates
/// are counted: what an acronym's lower-case expansion looks for is known
/// only then.
pub trait Texts {
    /// Calls `visit` with the index and text of each document in
    /// `language`, in the order they were added.
    fn each(&self, language: &LangTag, visit: &mut dyn FnMut(usize, &str));
}

/// Documents held in memory.
struct Held<'h, 's>(&'h [Source<'s>]);

impl Texts for Held<'_, '_> {
    fn each(&self, language: &LangTag, visit: &mut dyn FnMut(usize, &str)) {
        for (d, source) in self.0.iter().enumerate() {
            if source.language == language {
                visit(d, source.text);
            }
        }
    }
}

/// The files of a run, read again from disk.
struct Reread<'c, 'g, 'w> {
    checker: &'c crate::check::Checker<'g>,
    files: Vec<&'w crate::scan::Walked>,
    languages: &'c [LangTag],
}

impl Texts for Reread<'_, '_, '_> {
    fn each(&self, language: &LangTag, visit: &mut dyn FnMut(usize, &str)) {
        for (d, f) in self.files.iter().enumerate() {
            if self.languages.get(d) != Some(language) {
                continue;
            }
            // A file that changed or went away since is passed over: its
            // candidates were counted, only its lower-case phrases are not.
            if let Ok(Some((doc, _))) = self.checker.read(f) {
                visit(d, &doc.text);
            }
        }
    }
}

/// What `suggest` keeps of a document once it is read: its candidates and
/// its near-misses, not its text.
struct Summary {
    candidates: Vec<Candidate>,
    /// (term, rendering it is near, spelling written with single spaces).
    near: Vec<(String, String, String)>,
}

fn summarize(source: &Source<'_>) -> Summary {
    let near = source
        .near
        .iter()
        .map(|n| {
            let spelling = source.text[n.range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (n.term.clone(), n.expected.clone(), spelling)
        })
        .collect();
    Summary {
        candidates: candidates(source),
        near,
    }
}

/// The candidates of the documents added so far, one entry per distinct
/// spelling of each language, and per document only its path, language
/// and how many candidates it had.
#[derive(Default)]
struct Tally {
    /// language → folded key → form
    forms: BTreeMap<LangTag, BTreeMap<String, Form>>,
    /// Candidates per document: the richest is usually the source.
    richness: Vec<usize>,
    paths: Vec<String>,
    languages: Vec<LangTag>,
    /// The first document's dictionary of each language.
    words: BTreeMap<LangTag, Option<std::sync::Arc<crate::matcher::FuzzyIndex>>>,
    /// (term, language, expected) → spelling → times
    near: BTreeMap<(String, String, String), BTreeMap<String, usize>>,
}

impl Tally {
    fn add(
        &mut self,
        path: String,
        language: LangTag,
        words: Option<std::sync::Arc<crate::matcher::FuzzyIndex>>,
        summary: Summary,
    ) {
        let d = self.paths.len();
        self.richness.push(summary.candidates.len());
        let forms = self.forms.entry(language.clone()).or_default();
        for Candidate {
            text: candidate,
            title,
            after_title,
        } in summary.candidates
        {
            let form = forms.entry(fold_key(&candidate)).or_default();
            if mixes_scripts(&candidate) {
                if !form.lookalikes.contains(&candidate) {
                    form.lookalikes.push(candidate.clone());
                }
                if form.text.is_empty() {
                    form.text = candidate;
                    form.title = title;
                }
            } else if form.text.is_empty() || mixes_scripts(&form.text) {
                // The clean spelling is the form's, whichever came first.
                form.text = candidate;
                form.title = title;
            }
            form.count += 1;
            form.after_title += usize::from(after_title);
            if form.documents.last() != Some(&d) {
                form.documents.push(d);
            }
        }
        for (term, expected, spelling) in summary.near {
            *self
                .near
                .entry((term, language.glossary_key().to_owned(), expected))
                .or_default()
                .entry(spelling)
                .or_default() += 1;
        }
        self.words.entry(language.clone()).or_insert(words);
        self.paths.push(path);
        self.languages.push(language);
    }

    /// The proposed glossary, as TOML text.
    fn proposals(self, options: Options, texts: &dyn Texts) -> String {
        let mut out = format!(
            "# Proposed by `termlint suggest` from {} file(s). Review every entry: set\n# each category, and uncomment the forbidden candidates you agree with.\n",
            self.paths.len()
        );
        let languages: Vec<LangTag> = self.forms.keys().cloned().collect();
        let mut linked = Vec::new();
        for (language, by_key) in languages.iter().zip(self.forms.into_values()) {
            let by_key = fold_inflections(language, by_key);
            let words = self.words.get(language).and_then(Option::as_deref);
            let by_key = base_forms(language, by_key, words);
            // A title is proposed when it recurs: once, it is a phrase of
            // the text ("the Presidents of Central Asia").
            let forms = by_key
                .into_values()
                .filter(|f| !f.title || f.count >= 2)
                .collect();
            linked.extend(
                link_short_forms(groups(forms))
                    .into_iter()
                    .map(|(group, short)| (language, group, short)),
            );
        }
        let mut proposals = Vec::new();
        for (language, group, short) in expand_in_lower_case(texts, linked) {
            let preferred = preferred(&group, &self.richness);
            proposals.push(Proposal {
                language,
                group,
                short,
                preferred,
            });
        }
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        for term in across_languages(proposals) {
            let seen = term
                .iter()
                .flat_map(|p| p.group.iter().chain(&p.short))
                .map(|f| f.count)
                .sum::<usize>();
            if seen < options.min_count {
                continue;
            }
            write_term(&mut out, &term, &self.paths, &mut ids, options);
        }
        write_near_misses(&mut out, self.near);
        out
    }
}

/// The proposed glossary for documents held in memory, as TOML text.
pub fn suggest(sources: &[Source<'_>], options: Options) -> String {
    let mut tally = Tally::default();
    for source in sources {
        tally.add(
            source.path.to_owned(),
            source.language.clone(),
            source.words.clone(),
            summarize(source),
        );
    }
    tally.proposals(options, &Held(sources))
}

/// The near-misses of the glossary's terms, commented out: a misspelling
/// proposed as a new term would become preferred once pasted, so each is
/// offered as a forbidden rendering of the term it is near instead.
fn write_near_misses(
    out: &mut String,
    near: BTreeMap<(String, String, String), BTreeMap<String, usize>>,
) {
    if near.is_empty() {
        return;
    }
    out.push_str(
        "\n# Near-misses of terms the glossary has (`check` reports them as near-miss).\n# Not proposed as new terms: add a spelling that is wrong for good to its\n# term as forbidden.\n",
    );
    for ((term, language, expected), spellings) in near {
        let listed: Vec<String> = spellings.keys().map(|s| quote(s)).collect();
        let times: Vec<String> = spellings.values().map(ToString::to_string).collect();
        let unit = if spellings.len() == 1 && spellings.values().all(|&n| n == 1) {
            "time"
        } else {
            "times"
        };
        let _ = writeln!(
            out,
            "# {term}: {language} forbidden = [{}]  (near {}; seen {} {unit})",
            listed.join(", "),
            quote(&expected),
            times.join(", ")
        );
    }
}

/// Whether the folded words `a` and `b` are one stem of 4 letters or more
/// with two endings of the language ("Астане", "Астану"): two cases of one
/// name, not variants to forbid. `b` is taken for the base only if it ends
/// in a letter an ending replaces or in an ending itself.
fn same_stem(rules: &crate::inflect::Inflection, a: &str, b: &str) -> bool {
    let common = crate::inflect::shared_prefix(a, b);
    // The stem may be shorter than the common part ("Астан" of "Астана"
    // and "Астаны" shares "Астан").
    a[..common]
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(common))
        .filter(|&i| a[..i].chars().count() >= 4)
        .any(|i| {
            let (stem, ea, eb) = (&a[..i], &a[i..], &b[i..]);
            let ending = |e: &str| {
                rules.accepts(stem, e)
                    || (e.chars().count() == 1
                        && e.chars().all(|c| rules.final_letters().contains(&c)))
            };
            ea != eb && ending(ea) && ending(eb)
        })
}

/// Forms seen only inflected ("Астану", "Казахстана") under their base
/// form, where the language's endings derive one that its dictionary knows
/// as a name ("Астана", "Казахстан"); the inflected spellings are kept
/// to say what was seen. Without a dictionary, or when none is known, a
/// form stays as seen: the endings alone cannot tell "Астана" from
/// "Астан".
fn base_forms(
    language: &LangTag,
    forms: BTreeMap<String, Form>,
    words: Option<&crate::matcher::FuzzyIndex>,
) -> BTreeMap<String, Form> {
    let (Some(rules), Some(words)) = (crate::inflect::for_language(language), words) else {
        return forms;
    };
    let mut out: BTreeMap<String, Form> = BTreeMap::new();
    for (key, form) in forms {
        let base = (!form.title && !form.text.contains(' '))
            .then(|| base_form(rules, words, &form.text))
            .flatten();
        let Some(base) = base else {
            merge(out.entry(key).or_default(), form);
            continue;
        };
        let entry = out.entry(fold_key(&base)).or_default();
        let seen = form.text.clone();
        merge(entry, Form { text: base, ..form });
        if !entry.seen_as.contains(&seen) {
            entry.seen_as.push(seen);
        }
    }
    out
}

/// `form` added to `into` (the first form's text stays).
fn merge(into: &mut Form, form: Form) {
    if into.text.is_empty() {
        into.text = form.text;
        into.title = form.title;
    }
    into.count += form.count;
    into.after_title += form.after_title;
    into.lookalikes.extend(form.lookalikes);
    for s in form.seen_as {
        if !into.seen_as.contains(&s) {
            into.seen_as.push(s);
        }
    }
    for d in form.documents {
        if !into.documents.contains(&d) {
            into.documents.push(d);
        }
    }
}

/// The base form of the one word `text`: its stem less an ending of the
/// language, or the stem with the final letter the ending replaced, that
/// the dictionary knows as a name, if any.
fn base_form(
    rules: &crate::inflect::Inflection,
    words: &crate::matcher::FuzzyIndex,
    text: &str,
) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for k in 1..rules.longest_ending().min(chars.len()) {
        let stem: String = chars[..chars.len() - k].iter().collect();
        let ending: String = chars[chars.len() - k..].iter().collect();
        if stem.chars().count() < 3 || !rules.accepts(&fold_key(&stem), &fold_key(&ending)) {
            continue;
        }
        let found = std::iter::once(stem.clone())
            .chain(
                rules
                    .final_letters_written()
                    .chars()
                    .map(|c| format!("{stem}{c}")),
            )
            .filter(|candidate| *candidate != text)
            .find(|candidate| words.classify(candidate) == dictionary::Known::Name);
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Inflected and derived forms ("Azerbaijan’s", "Armenian") are the same
/// name: their counts go to the base form, which the language's endings
/// derive them from.
fn fold_inflections(
    language: &LangTag,
    mut forms: BTreeMap<String, Form>,
) -> BTreeMap<String, Form> {
    let Some(rules) = crate::inflect::for_language(language) else {
        return forms;
    };
    let keys: Vec<String> = forms.keys().cloned().collect();
    // Word by word, so an inflection inside a phrase counts too
    // ("Presidents of Kazakhstan").
    let inflects = |word: &str, base: &str| {
        word == base
            || (word.starts_with(base)
                && word.is_char_boundary(base.len())
                && rules.accepts(base, &word[base.len()..]))
            || same_stem(rules, word, base)
    };
    let shapes = Shapes::of(&keys);
    for key in &keys {
        if !forms.contains_key(key) {
            continue;
        }
        let candidates = shapes.candidates(key);
        // Only a base still standing: two cases of one stem point at each
        // other, and the first merged must not lose the second.
        let base = candidates.iter().map(|&i| &keys[i]).find(|b| {
            let (kw, bw): (Vec<&str>, Vec<&str>) =
                (key.split(' ').collect(), b.split(' ').collect());
            *b != key
                && forms.contains_key(*b)
                && kw.len() == bw.len()
                && kw.iter().zip(&bw).all(|(k, b)| inflects(k, b))
        });
        if let Some(base) = base {
            if let Some(inflected) = forms.remove(key) {
                if let Some(b) = forms.get_mut(base) {
                    merge(b, inflected);
                }
            }
        }
    }
    forms
}

/// Keys by the first letters of their words. A base inflects into words
/// that start with its words' first letters (an ending added, or a stem of
/// four letters shared), so only keys of one shape need comparing; a key
/// with an empty word could be the base of any, and is compared with every
/// key.
struct Shapes {
    by_shape: HashMap<Vec<char>, Vec<usize>>,
    shapeless: Vec<usize>,
}

impl Shapes {
    fn shape(key: &str) -> Option<Vec<char>> {
        key.split(' ').map(|w| w.chars().next()).collect()
    }

    fn of(keys: &[String]) -> Shapes {
        let mut shapes = Shapes {
            by_shape: HashMap::new(),
            shapeless: Vec::new(),
        };
        for (i, key) in keys.iter().enumerate() {
            match Shapes::shape(key) {
                Some(s) => shapes.by_shape.entry(s).or_default().push(i),
                None => shapes.shapeless.push(i),
            }
        }
        shapes
    }

    /// The keys that can be `key`'s base, in the keys' order.
    fn candidates(&self, key: &str) -> Vec<usize> {
        let mut candidates: Vec<usize> = Shapes::shape(key)
            .and_then(|s| self.by_shape.get(&s))
            .into_iter()
            .flatten()
            .chain(&self.shapeless)
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates
    }
}

/// Splits forms into groups of variants (single linkage): each form, in
/// order, joins every earlier group holding a variant of it.
///
/// Only forms that share a blocking key ([`variant_keys`]) are compared,
/// so the work grows with the forms, not with their square (4 MB of Bible
/// text has tens of thousands of distinct candidates); the groups and
/// their order are those of comparing every pair.
fn groups(forms: Vec<Form>) -> Vec<Vec<Form>> {
    let keys: Vec<String> = forms.iter().map(|f| fold_key(&f.text)).collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    // Each form's group, as the form that stands for it (union-find): the
    // group's latest form, so the groups in that form's order are the
    // groups in the order they were last formed (a merged group goes last,
    // as a group pushed after the others).
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, key) in keys.iter().enumerate() {
        let blocks = variant_keys(key);
        let mut earlier: Vec<usize> = blocks
            .iter()
            .filter_map(|b| index.get(b))
            .flatten()
            .copied()
            .collect();
        earlier.sort_unstable();
        earlier.dedup();
        let mut joins: Vec<usize> = earlier
            .into_iter()
            .filter(|&j| variants(&keys[j], key))
            .map(|j| find(&mut parent, j))
            .collect();
        joins.sort_unstable();
        joins.dedup();
        // The groups joined, the latest formed first after the form.
        let mut merged = vec![i];
        for &g in joins.iter().rev() {
            merged.extend(members.remove(&g).unwrap_or_default());
            parent[g] = i;
        }
        members.insert(i, merged);
        for b in blocks {
            index.entry(b).or_default().push(i);
        }
    }
    let mut forms: Vec<Option<Form>> = forms.into_iter().map(Some).collect();
    members
        .into_values()
        .map(|group| group.into_iter().filter_map(|i| forms[i].take()).collect())
        .collect()
}

/// Keys two folded candidates share whenever [`variants`] may hold for
/// them. A name of several words: itself with one word left out, for each
/// word (variants differ in one word). A single word: its skeleton with up
/// to as many letters deleted as [`similar`] allows edits (two strings
/// within that many edits have a common string so reached from both).
fn variant_keys(key: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    // Hashes, not strings: a collision costs one more comparison, and the
    // index of tens of thousands of forms stays small.
    let hash = |parts: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        parts(&mut h);
        h.finish()
    };
    let words: Vec<&str> = key.split([' ', '-']).collect();
    if words.len() > 1 {
        return (0..words.len())
            .map(|gap| {
                hash(&|h| {
                    (words.len(), gap).hash(h);
                    for (k, w) in words.iter().enumerate() {
                        if k != gap {
                            w.hash(h);
                        }
                    }
                })
            })
            .collect();
    }
    let letters: Vec<char> = skeleton(key).chars().collect();
    let mut out = vec![letters.clone()];
    let mut last = vec![letters];
    for _ in 0..allowed(out[0].len()) {
        let mut next = Vec::new();
        for word in &last {
            for k in 0..word.len() {
                let mut shorter = word.clone();
                shorter.remove(k);
                next.push(shorter);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        last = next;
    }
    out.iter().map(|w| hash(&|h| (1usize, w).hash(h))).collect()
}

/// Each group with the acronyms that are its short form ("SPECA" for "UN
/// Special Programme for the Economies of Central Asia", "AIFC" for
/// "Astana International Financial Centre"): the initials of the name's
/// words but its small connecting words, or of the words after an acronym
/// it starts with. An acronym two names could stand for stays a term of
/// its own.
fn link_short_forms(groups: Vec<Vec<Form>>) -> Vec<(Vec<Form>, Vec<Form>)> {
    let letters = |group: &[Form]| group.iter().find_map(|f| acronym(&f.text));
    let mut expansions: Vec<(Vec<Form>, Vec<Form>)> = Vec::new();
    let mut acronyms: Vec<(String, Vec<Form>)> = Vec::new();
    for group in groups {
        match letters(&group) {
            Some(a) if group.iter().all(|f| acronym(&f.text).is_some()) => {
                acronyms.push((a, group));
            }
            _ => expansions.push((group, Vec::new())),
        }
    }
    for (a, group) in acronyms {
        let stands_for: Vec<usize> = expansions
            .iter()
            .enumerate()
            .filter(|(_, (names, _))| names.iter().any(|f| initials(&f.text).contains(&a)))
            .map(|(k, _)| k)
            .collect();
        match stands_for.as_slice() {
            [k] => expansions[*k].1.extend(group),
            _ => expansions.push((group, Vec::new())),
        }
    }
    link_surnames(expansions)
}

/// A surname written alone ("Tokayev", or "Tokaev") joins the one
/// person's full name whose last word it is, by the near-miss measure
/// ("Kassym-Jomart Tokayev"), as its short form. A surname two full names
/// end in ("Aliyev" of Ilham and Heydar Aliyev) stays a term of its own.
fn link_surnames(groups: Vec<(Vec<Form>, Vec<Form>)>) -> Vec<(Vec<Form>, Vec<Form>)> {
    let lone = |group: &[Form]| {
        group.iter().all(|f| {
            !f.title
                && acronym(&f.text).is_none()
                && !f.text.contains(char::is_whitespace)
                && !f.text.contains(|c: char| c.is_ascii_digit())
        })
    };
    let mut groups: Vec<(Vec<Form>, Vec<Form>)> = groups;
    let mut linked = vec![false; groups.len()];
    for i in 0..groups.len() {
        let (group, short) = &groups[i];
        if !short.is_empty() || !lone(group) {
            continue;
        }
        let folded: Vec<String> = group.iter().map(|f| fold_key(&f.text)).collect();
        let whose: Vec<usize> = (0..groups.len())
            .filter(|&k| k != i && !linked[k] && full_name_of_person(&groups[k].0))
            .filter(|&k| {
                groups[k].0.iter().any(|f| {
                    let last = fold_key(surname_of(&f.text));
                    folded.iter().any(|s| *s == last || variants(s, &last))
                })
            })
            .collect();
        if let [k] = whose[..] {
            let surname = std::mem::take(&mut groups[i].0);
            groups[k].1.extend(surname);
            linked[i] = true;
        }
    }
    groups
        .into_iter()
        .zip(linked)
        .filter(|(_, linked)| !linked)
        .map(|(g, _)| g)
        .collect()
}

/// A group with its short forms, in its language.
type Linked<'l> = (&'l LangTag, Vec<Form>, Vec<Form>);

/// An acronym that no capitalised name expands ("IDPs") becomes the short
/// form of the one phrase in lower case whose initials it is, in documents
/// of its language ("internally displaced persons"; small connecting words
/// such as "of" may come between), if a document introduces one with the
/// other or the documents use one where the others use the other. Three
/// letters or more, so that two ordinary words are not taken for a name's
/// expansion; two different phrases leave it alone. The documents of a
/// language are read again only if one of its acronyms asks.
fn expand_in_lower_case<'l>(texts: &dyn Texts, linked: Vec<Linked<'l>>) -> Vec<Linked<'l>> {
    let wanted: BTreeMap<usize, Vec<char>> = linked
        .iter()
        .enumerate()
        .filter_map(|(k, (_, group, short))| Some((k, expandable(group, short)?)))
        .collect();
    let mut found = phrases_for(texts, &linked, &wanted);
    linked
        .into_iter()
        .enumerate()
        .map(|(k, (language, group, short))| {
            let Some(phrases) = found.remove(&k).filter(|p| p.len() == 1) else {
                return (language, group, short);
            };
            let Some((phrase, introduced)) = phrases.into_values().next() else {
                return (language, group, short);
            };
            let apart = group
                .iter()
                .all(|a| a.documents.iter().all(|d| !phrase.documents.contains(d)));
            if introduced || apart {
                (language, vec![phrase], group)
            } else {
                (language, group, short)
            }
        })
        .collect()
}

/// The initials, in lower case, of a group that is only acronyms of three
/// letters or more with no short form of its own: what
/// [`expand_in_lower_case`] looks for.
fn expandable(group: &[Form], short: &[Form]) -> Option<Vec<char>> {
    let first = group.first()?;
    if !short.is_empty() || !group.iter().all(|f| acronym(&f.text).is_some()) {
        return None;
    }
    let letters = acronym(&first.text)?;
    (letters.chars().count() >= 3).then(|| letters.chars().flat_map(char::to_lowercase).collect())
}

/// For each group of `linked` that `wanted` names (by index, with its
/// initials), the lower-case phrases with those initials in the documents
/// of its language: where each is written, and whether a document
/// introduces it with one of the group's acronyms.
fn phrases_for(
    texts: &dyn Texts,
    linked: &[Linked<'_>],
    wanted: &BTreeMap<usize, Vec<char>>,
) -> BTreeMap<usize, BTreeMap<String, (Form, bool)>> {
    let mut found: BTreeMap<usize, BTreeMap<String, (Form, bool)>> = BTreeMap::new();
    let languages: std::collections::BTreeSet<&LangTag> =
        wanted.keys().map(|&k| linked[k].0).collect();
    for language in languages {
        let asked: Vec<(usize, &Vec<char>)> = wanted
            .iter()
            .filter(|(k, _)| linked[**k].0 == language)
            .map(|(k, w)| (*k, w))
            .collect();
        texts.each(language, &mut |d, text| {
            let mut words = Ahead::new(text);
            while let Some(first) = words.next_start() {
                for &(k, letters) in &asked {
                    if !first.starts_with(letters[0]) {
                        continue;
                    }
                    let Some(phrase) = initials_phrase(words.phrase(), letters) else {
                        continue;
                    };
                    let phrases = found.entry(k).or_default();
                    // Initials alone are weak evidence (the Bible's "JAH"
                    // and "judge among the heathen"): the phrase must
                    // introduce the acronym ("internally displaced persons
                    // (IDPs)", or the other way round), or the documents
                    // must use one where the others use the other.
                    let introduced = linked[k].1.iter().any(|a| {
                        text.contains(&format!("{phrase} ({}", a.text))
                            || text.contains(&format!("{} ({phrase}", a.text))
                    });
                    let (form, by_intro) = phrases.entry(phrase.clone()).or_default();
                    form.text = phrase;
                    form.count += 1;
                    if form.documents.last() != Some(&d) {
                        form.documents.push(d);
                    }
                    *by_intro |= introduced;
                }
            }
        });
    }
    found
}

/// A document's words, each in turn the start of a phrase, with as many
/// after it as a phrase reads held: not the whole document's list of
/// words, which for 100 MB of text took 400 MB.
struct Ahead<'t> {
    /// The text cut at every character that is no letter or hyphen: the
    /// pieces, empty ones too.
    pieces: std::str::Split<'t, fn(char) -> bool>,
    /// The start's word first, then those read after it.
    held: std::collections::VecDeque<&'t str>,
}

impl<'t> Ahead<'t> {
    fn new(text: &'t str) -> Ahead<'t> {
        let apart: fn(char) -> bool = |c| !c.is_alphabetic() && c != '-';
        Ahead {
            pieces: text.split(apart),
            held: std::collections::VecDeque::new(),
        }
    }

    /// The next word of the text not yet held.
    fn read(&mut self) -> Option<&'t str> {
        self.pieces.find(|w| !w.is_empty())
    }

    /// The next word to start a phrase at.
    fn next_start(&mut self) -> Option<&'t str> {
        self.held.pop_front();
        if self.held.is_empty() {
            let word = self.read()?;
            self.held.push_back(word);
        }
        self.held.front().copied()
    }

    /// The words from the start on, read from the text as they are asked
    /// for.
    fn phrase(&mut self) -> impl Iterator<Item = &'t str> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at == self.held.len() {
                let word = self.read()?;
                self.held.push_back(word);
            }
            at += 1;
            self.held.get(at - 1).copied()
        })
    }
}

/// The phrase at the start of `words` whose content words, all in lower
/// case and of four letters or more, begin with `wanted` in order, small
/// connecting words between them. (Shorter words made the Bible's "CAPH",
/// a letter's name, stand for "came of all peoples to hear".)
fn initials_phrase<'w>(words: impl Iterator<Item = &'w str>, wanted: &[char]) -> Option<String> {
    const SMALL: &[&str] = &["of", "the", "for", "and", "on", "in", "to"];
    let mut taken = Vec::new();
    let mut next = 0;
    for word in words {
        if next == wanted.len() {
            break;
        }
        if !word.starts_with(char::is_lowercase) {
            return None;
        }
        if !taken.is_empty() && SMALL.contains(&word) {
            taken.push(word);
            continue;
        }
        if word.chars().count() < 4 || !word.starts_with(wanted[next]) {
            return None;
        }
        taken.push(word);
        next += 1;
    }
    (next == wanted.len()).then(|| taken.join(" "))
}

/// The letters of an acronym ("AIFC", "IDPs" as IDP): two to six capital
/// letters, and an "s" of the plural.
fn acronym(text: &str) -> Option<String> {
    let letters = text.strip_suffix('s').unwrap_or(text);
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(char::is_uppercase)).then(|| letters.to_owned())
}

/// The acronyms a name of three words or more may have: the initials of
/// its words but the small connecting ones ("of", "the", "and"), and of
/// the words after a leading acronym ("UN Special Programme ...").
fn initials(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !w.starts_with(char::is_lowercase))
        .collect();
    if words.len() < 3 {
        return Vec::new();
    }
    let of = |ws: &[&str]| -> String {
        ws.iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let mut out = vec![of(&words)];
    let lead = words.iter().take_while(|w| acronym(w).is_some()).count();
    if lead > 0 && words.len() - lead >= 2 {
        out.push(of(&words[lead..]));
    }
    out
}

/// Whether two folded candidates are variants of one name.
fn variants(a: &str, b: &str) -> bool {
    // The parts of a hyphenated name count as words: "Azerbaijan-Kazakh"
    // and "Azerbaijan-Kazakhstan" differ in one, the one inside the other.
    let (wa, wb): (Vec<&str>, Vec<&str>) =
        (a.split([' ', '-']).collect(), b.split([' ', '-']).collect());
    if wa.len() != wb.len() {
        return false;
    }
    if wa.len() == 1 {
        return similar(a, b);
    }
    let differing: Vec<(&str, &str)> = wa
        .iter()
        .zip(&wb)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    match differing.as_slice() {
        [(x, y)] => {
            similar(x, y) || (x.len() >= 4 && y.len() >= 4 && (x.contains(y) || y.contains(x)))
        }
        _ => false,
    }
}

/// The proposals of one language for one name: its variants, its short
/// forms, and which variant is preferred.
struct Proposal<'l> {
    language: &'l LangTag,
    group: Vec<Form>,
    short: Vec<Form>,
    /// Index in `group`.
    preferred: usize,
}

impl Proposal<'_> {
    fn preferred(&self) -> &Form {
        &self.group[self.preferred]
    }
}

/// The variant to prefer: the one seen in most documents, then most
/// often, then in the document richest in names (usually the source),
/// then the longer ("Azerbaijan-Kazakhstan", not "-Kazakh").
fn preferred(group: &[Form], richness: &[usize]) -> usize {
    let best = |f: &Form| {
        (
            f.documents.len(),
            f.count,
            f.documents.iter().map(|&d| richness[d]).max().unwrap_or(0),
            f.text.chars().count(),
        )
    };
    (0..group.len())
        .max_by_key(|&k| best(&group[k]))
        .unwrap_or(0)
}

/// Whether two names, each a skeleton per word, are one name written in
/// two languages ([`near_in_other_languages`]).
fn one_name(a: &[Vec<char>], b: &[Vec<char>]) -> bool {
    let mut edits = 0;
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            if x == y {
                return true;
            }
            edits += 1;
            edits == 1
                && x.len().min(y.len()) >= 6
                && x.first() == y.first()
                && within_one_edit(x, y)
        })
}

/// Whether `a` and `b` are at most one edit apart (a letter replaced,
/// added, left out, or two neighbours swapped): the near-miss edit
/// distance at most 1, without its table.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let shorter = a.len().min(b.len());
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(shorter - head)
        .take_while(|(x, y)| x == y)
        .count();
    match (a.len() - head - tail, b.len() - head - tail) {
        (0, 0) | (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => a[head] == b[head + 1] && a[head + 1] == b[head],
        _ => false,
    }
}

/// The skeletons of each word of each form of each proposal, of its ASCII
/// transliteration: made once, compared with every other language's.
fn skeletons(proposals: &[Proposal<'_>]) -> Vec<Vec<Vec<Vec<char>>>> {
    proposals
        .iter()
        .map(|p| {
            p.group
                .iter()
                .filter(|f| !f.title)
                .map(|f| {
                    fold_key(&any_ascii::any_ascii(&f.text))
                        .split([' ', '-'])
                        .map(|w| skeleton(w).chars().collect())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Hashes of a name's skeleton words, as they are and with one letter of a
/// word of six letters or more left out: two names [`one_name`] joins
/// share one.
fn deletion_keys(words: &[Vec<char>]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let hash = |words: &[&[char]]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words.hash(&mut h);
        h.finish()
    };
    let whole: Vec<&[char]> = words.iter().map(Vec::as_slice).collect();
    let mut out = vec![hash(&whole)];
    for (k, word) in words.iter().enumerate().filter(|(_, w)| w.len() >= 6) {
        for gap in 0..word.len() {
            let shorter: Vec<char> = word[..gap]
                .iter()
                .chain(&word[gap + 1..])
                .copied()
                .collect();
            let mut these = whole.clone();
            these[k] = &shorter;
            out.push(hash(&these));
        }
    }
    out
}

/// For each proposal, the proposals of other languages that write the
/// same name ([`across_languages`]).
fn near_in_other_languages(proposals: &[Proposal<'_>]) -> Vec<Vec<usize>> {
    let keys = skeletons(proposals);
    let n = proposals.len();
    // Each proposal's near ones in other languages: one name written in two
    // languages has as many words, the same skeletons but for one edit in
    // one word of six letters or more, and the same first letter
    // ("kasym-zhomart tokaev", "kassym-jomart tokayev"). Looser, the Bible
    // joined Amram with Avraam and Attalia with Италия.
    //
    // Two such names share a spelling with one letter of a long word left
    // out, or are equal (symmetric deletion; a swap of two letters too), so
    // only names that share one are compared: comparing all of one length
    // and first letter took most of a run over 2,000 files.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, forms) in keys.iter().enumerate() {
        let mut mine: Vec<u64> = forms.iter().flat_map(|w| deletion_keys(w)).collect();
        mine.sort_unstable();
        mine.dedup();
        for key in mine {
            index.entry(key).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = index
        .values()
        .flat_map(|members| {
            members.iter().enumerate().flat_map(move |(x, &i)| {
                members[x + 1..]
                    .iter()
                    .filter(move |&&j| proposals[i].language != proposals[j].language)
                    .map(move |&j| (i, j))
            })
        })
        .collect();
    // In a fixed order, each list ascending: which pair is joined first
    // decides the terms.
    pairs.sort_unstable();
    pairs.dedup();
    let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, j) in pairs {
        if keys[i]
            .iter()
            .any(|a| keys[j].iter().any(|b| one_name(a, b)))
        {
            near[i].push(j);
            near[j].push(i);
        }
    }
    near
}

/// Proposals of different languages that write one name — the same
/// letters once transliterated to ASCII, by the near-miss measure
/// ("Астана" and "Astana", "Азербайджан" and "Azerbaijan", "Ильхам
/// Алиев" and "Ilham Aliyev") — become one term with a key per language.
/// Only one-to-one: a name of one language near two of another stays
/// apart, since the documents do not say which of the two it translates.
fn across_languages(proposals: Vec<Proposal<'_>>) -> Vec<Vec<Proposal<'_>>> {
    let n = proposals.len();
    let near = near_in_other_languages(&proposals);
    // The one proposal of `language` that `i` is near, if it is near
    // exactly one there.
    let partner = |i: usize, language: &LangTag| -> Option<usize> {
        let mut found = near[i]
            .iter()
            .filter(|&&j| proposals[j].language == language);
        let first = *found.next()?;
        found.next().is_none().then_some(first)
    };
    let mut term_of: Vec<usize> = (0..n).collect();
    // Each term's proposals, by its first.
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for i in 0..n {
        for &j in near[i].iter().filter(|&&j| j > i) {
            let (a, b) = (&proposals[i], &proposals[j]);
            if term_of[j] != j {
                continue;
            }
            if partner(i, b.language) != Some(j) || partner(j, a.language) != Some(i) {
                continue;
            }
            // One proposal per language in a term, each near all the
            // others: a chain of near pairs is not one name.
            let root = term_of[i];
            if members[root]
                .iter()
                .any(|&k| proposals[k].language == b.language || !near[j].contains(&k))
            {
                continue;
            }
            term_of[j] = root;
            members[root].push(j);
        }
    }
    let mut terms: Vec<Vec<Proposal<'_>>> = Vec::new();
    let mut slot: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, p) in proposals.into_iter().enumerate() {
        let t = *slot.entry(term_of[k]).or_insert_with(|| {
            terms.push(Vec::new());
            terms.len() - 1
        });
        terms[t].push(p);
    }
    terms
}

/// Writes one `[[term]]` table with a key for each language of `term`.
fn write_term(
    out: &mut String,
    term: &[Proposal<'_>],
    paths: &[String],
    ids: &mut BTreeMap<String, usize>,
    options: Options,
) {
    // The id and category come from the first language whose name is in
    // Latin letters, if any: ids are ASCII either way.
    let Some(lead) = term
        .iter()
        .find(|p| p.preferred().text.is_ascii())
        .or_else(|| term.first())
    else {
        return;
    };
    let base = slug(&lead.preferred().text);
    let n = ids.entry(base.clone()).or_insert(0);
    *n += 1;
    let id = if *n == 1 { base } else { format!("{base}-{n}") };
    let category = if lead.preferred().title {
        "title"
    } else if options.category_hints {
        term.iter()
            .map(|p| category_hint(p.language, &p.group))
            .find(|&c| c != "other")
            .unwrap_or("other")
    } else {
        "other"
    };
    let _ = writeln!(out, "\n[[term]]\nid = \"{id}\"\ncategory = \"{category}\"");
    for proposal in term {
        write_language(out, proposal, paths);
    }
}

/// The lines of one language of a proposed term: what was seen, the
/// rendering, and the variants to forbid, commented out.
fn write_language(out: &mut String, proposal: &Proposal<'_>, paths: &[String]) {
    let Proposal {
        language,
        group,
        short,
        ..
    } = proposal;
    let preferred = proposal.preferred();
    let seen = |f: &Form| {
        let paths: Vec<&str> = f.documents.iter().map(|&d| paths[d].as_str()).collect();
        format!(
            "{} time{} in {}",
            f.count,
            if f.count == 1 { "" } else { "s" },
            paths.join(", ")
        )
    };
    let _ = writeln!(out, "# \"{}\": seen {}", preferred.text, seen(preferred));
    let inflected: Vec<String> = group
        .iter()
        .flat_map(|f| f.seen_as.iter().map(|s| quote(s)))
        .collect();
    if !inflected.is_empty() {
        let _ = writeln!(
            out,
            "# written {} in the documents: the base form is the dictionary's",
            inflected.join(", ")
        );
    }
    let others: Vec<&Form> = group.iter().filter(|f| f.text != preferred.text).collect();
    for f in &others {
        let _ = writeln!(out, "# \"{}\": seen {}", f.text, seen(f));
    }
    let (shorts, misspelt) = short_forms(out, preferred, short, &seen);
    let key = language.glossary_key();
    if shorts.is_empty() {
        let _ = writeln!(out, "{key} = {{ preferred = {} }}", quote(&preferred.text));
    } else {
        let listed: Vec<String> = shorts.iter().map(|s| quote(s)).collect();
        let _ = writeln!(
            out,
            "{key} = {{ preferred = {}, short = [{}] }}",
            quote(&preferred.text),
            listed.join(", ")
        );
    }
    write_forbidden(out, proposal, &others, &shorts, &misspelt);
}

/// The commented-out `forbidden` line of one language of a term: its other
/// variants, look-alike spellings and misspelt surnames.
fn write_forbidden(
    out: &mut String,
    proposal: &Proposal<'_>,
    others: &[&Form],
    shorts: &[String],
    misspelt: &[&str],
) {
    let preferred = proposal.preferred();
    let key = proposal.language.glossary_key();
    // Look-alike spellings of the forms, other than a form's own text.
    let lookalikes: Vec<&String> = proposal
        .group
        .iter()
        .flat_map(|f| f.lookalikes.iter().filter(move |l| **l != f.text))
        .collect();
    for l in &lookalikes {
        let _ = writeln!(
            out,
            "# {}: letters of two scripts (check reports it as lookalike)",
            quote(l)
        );
    }
    let forbidden: Vec<String> = others
        .iter()
        .map(|f| quote(&f.text))
        .chain(lookalikes.iter().map(|l| quote(l)))
        .chain(misspelt.iter().map(|m| quote(m)))
        .collect();
    if !forbidden.is_empty() {
        let short = if shorts.is_empty() {
            String::new()
        } else {
            let listed: Vec<String> = shorts.iter().map(|s| quote(s)).collect();
            format!(", short = [{}]", listed.join(", "))
        };
        let _ = writeln!(
            out,
            "# {key} = {{ preferred = {}{short}, forbidden = [{}] }}",
            quote(&preferred.text),
            forbidden.join(", ")
        );
    }
}

/// The `short` renderings of a term, with a comment line for each short
/// form seen, and the surnames seen spelt otherwise than in the full name.
/// An acronym is its own short form; a surname is the full name's last
/// word as the preferred rendering writes it ("Tokayev"), and one spelt
/// otherwise ("Tokaev") is a variant to forbid.
fn short_forms<'f>(
    out: &mut String,
    preferred: &Form,
    short: &'f [Form],
    seen: &dyn Fn(&Form) -> String,
) -> (Vec<String>, Vec<&'f str>) {
    let surname = surname_of(&preferred.text);
    let mut shorts: Vec<String> = Vec::new();
    let mut misspelt: Vec<&str> = Vec::new();
    for f in short {
        let written = if acronym(&f.text).is_some() {
            let _ = writeln!(out, "# \"{}\": seen {}, its short form", f.text, seen(f));
            f.text.as_str()
        } else {
            let _ = writeln!(out, "# \"{}\": seen {}, the surname alone", f.text, seen(f));
            if f.text != surname {
                misspelt.push(&f.text);
            }
            surname
        };
        if !shorts.iter().any(|s| s == written) {
            shorts.push(written.to_owned());
        }
    }
    (shorts, misspelt)
}

/// The last word of a person's name: "Tokayev" of "Kassym-Jomart Tokayev".
fn surname_of(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// Whether `group` names a person by full name: two or three capitalised
/// words, one of them written after a title ("President Ilham Aliyev").
/// Four words are more often a name glued to what follows it.
fn full_name_of_person(group: &[Form]) -> bool {
    group.iter().any(|f| f.after_title > 0)
        && group.iter().all(|f| {
            let words = f.text.split_whitespace().count();
            (2..=3).contains(&words)
                && !f.title
                && f.text
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase))
        })
}

/// A term id for `text`: its ASCII transliteration, in lower case, words
/// joined by hyphens ("Делегация" → "delegatsiya"). Folding alone wrote
/// ids in two scripts ("дeлeгaция", its look-alike letters Latin).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in any_ascii::any_ascii(text).to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if matches!(c, '\'' | '`') {
            // Part of a word: "Oʻzbekiston", "Baku's".
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "term".to_owned()
    } else {
        out
    }
}

/// A name-like word sequence of a document.
#[derive(Debug, PartialEq)]
struct Candidate {
    text: String,
    /// A title or office ("President of Kazakhstan").
    title: bool,
    /// Right after a title: a person's name ("President Ilham Aliyev").
    after_title: bool,
}

/// The name-like word sequences of a document that the glossary does not
/// cover.
// Kept whole: one pass over a segment's words with the run being built; each branch reads and
// changes the run and the title before it.
fn candidates(source: &Source<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let taken = Taken::new(
        source
            .covered
            .iter()
            .cloned()
            .chain(source.near.iter().map(|n| n.range.clone())),
    );
    for segment in &source.segments {
        // The words are read as the loop goes, not gathered first: a 100 MB
        // segment's list of them took 800 MB.
        let mut run: Vec<Word<'_>> = Vec::new();
        // A title in lower case before a run ("президент Казахстана
        // Касым-Жомарт Токаев", "President Ilham Aliyev" in mid-sentence is
        // capitalised, the Russian title is not): it leads the run so that
        // the run is cut at it, and is not proposed itself.
        let mut lead: Option<Word<'_>> = None;
        let sentinel = (0..0, "");
        for w in words(source.text, segment.clone()).chain(std::iter::once(sentinel)) {
            let covered = taken.overlaps(&w.0);
            // The end-of-segment sentinel has an empty range: no gap to read.
            let adjacent = |last: &(Range<usize>, &str)| {
                !w.1.is_empty() && source.text[last.0.end..w.0.start].trim().is_empty()
            };
            let joins_gap = run.last().is_some_and(&adjacent);
            if !w.1.is_empty()
                && !covered
                && (is_name_word(w.1) || (!run.is_empty() && CONNECTORS.contains(&w.1)))
                && (run.is_empty() || joins_gap)
            {
                if run.is_empty() {
                    run.extend(lead.take().filter(|l| adjacent(l)));
                }
                run.push(w);
                continue;
            }
            let mut after_title = false;
            let held: Vec<&Word<'_>> = run.iter().collect();
            for (piece, title) in split_at_titles(source, &held) {
                if title {
                    // A title without its complement ("President") is
                    // no term of the glossary either.
                    let lowercase = piece
                        .first()
                        .is_some_and(|w| w.1.starts_with(char::is_lowercase));
                    if !lowercase && piece.len() > 1 {
                        out.push(Candidate {
                            text: joined(source, &piece),
                            title: true,
                            after_title: false,
                        });
                    }
                } else {
                    out.extend(finish(source, &piece).filter(|c| !is_calendar_word(c)).map(
                        |text| Candidate {
                            text,
                            title: false,
                            after_title,
                        },
                    ));
                }
                after_title = title;
            }
            run.clear();
            let name = !w.1.is_empty() && !covered && is_name_word(w.1);
            lead = (!w.1.is_empty()
                && w.1.starts_with(char::is_lowercase)
                && is_title(source.language, w.1))
            .then(|| w.clone());
            if name {
                run.push(w);
            }
        }
    }
    out
}

/// The ranges of a text that the glossary covers or near-misses take,
/// merged in order, so that whether a word overlaps one of them costs a
/// binary search, not a look at each (a 10 MB file's 40,000 matches
/// against its 1.7 million words took 20 s).
struct Taken {
    /// Non-empty ranges, merged where they overlap (not where they only
    /// touch: an empty word between two overlaps neither).
    spans: Vec<Range<usize>>,
    /// Where empty ranges are: one strictly inside a word overlaps it.
    points: Vec<usize>,
}

impl Taken {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Taken {
        let mut all: Vec<Range<usize>> = ranges.collect();
        all.sort_unstable_by_key(|r| r.start);
        let (mut spans, mut points): (Vec<Range<usize>>, Vec<usize>) = (Vec::new(), Vec::new());
        for r in all {
            match spans.last_mut() {
                _ if r.is_empty() => points.push(r.start),
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => spans.push(r),
            }
        }
        Taken { spans, points }
    }

    /// Whether `word` overlaps a range (`start < word.end && word.start <
    /// end`).
    fn overlaps(&self, word: &Range<usize>) -> bool {
        let span = self.spans.partition_point(|s| s.end <= word.start);
        let point = self.points.partition_point(|&p| p <= word.start);
        self.spans.get(span).is_some_and(|s| s.start < word.end)
            || self.points.get(point).is_some_and(|&p| p < word.end)
    }
}

/// `run` cut at its titles: the words before a title, the title with the
/// words that join it and its complement ("President of the Republic of
/// Azerbaijan": "of", an optional "the", one capitalised word, again), and
/// the words after it, each with whether it is the title. A complement
/// followed by one word only takes it too ("Heads of State of Central
/// Asia"): a name after a title has more.
fn split_at_titles<'r, 'w>(
    source: &Source<'_>,
    run: &[&'r Word<'w>],
) -> Vec<(Vec<&'r Word<'w>>, bool)> {
    let mut pieces = Vec::new();
    let mut rest = run;
    let primary = source.language.primary();
    // Where the country stands without a preposition: after the title in
    // the genitive ("Президент Казахстана"), or before it ("Қазақстан
    // Президенті", "Azərbaycan Prezidenti").
    let genitive_after = matches!(primary, "ru" | "uk" | "be");
    let country_before = matches!(primary, "kk" | "ky" | "uz" | "az" | "tr");
    while let Some(found) = rest.iter().position(|w| is_title(source.language, w.1)) {
        let at = if country_before && found > 0 {
            found - 1
        } else {
            found
        };
        if at > 0 {
            pieces.push((rest[..at].to_vec(), false));
        }
        let mut end = found;
        while end < rest.len() && is_title(source.language, rest[end].1) {
            end += 1;
        }
        let titled = end;
        while rest.get(end).is_some_and(|w| w.1 == "of") {
            let skip = if rest.get(end + 1).is_some_and(|w| w.1 == "the") {
                2
            } else {
                1
            };
            match rest.get(end + skip) {
                Some(w) if is_name_word(w.1) && !CONNECTORS.contains(&w.1) => end += skip + 1,
                _ => break,
            }
        }
        if end == titled && genitive_after && rest.len() >= end + 3 {
            end += 1;
        }
        if rest.len() == end + 1 && end > titled {
            end += 1;
        }
        pieces.push((rest[at..end].to_vec(), true));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        pieces.push((rest.to_vec(), false));
    }
    pieces
}

/// Words that make a name an event, an organisation or a place, by
/// language, in lower case: the head noun of "Astana International Forum",
/// "Kurmangazy Children's Creativity Center", "Caspian Sea" ("Каспийское
/// море"). Looked for in every word of a name, in this order.
const CATEGORY_WORDS: &[(&str, &str, &[&str])] = &[
    (
        "en",
        "event",
        &[
            "summit",
            "forum",
            "conference",
            "congress",
            "games",
            "olympics",
            "festival",
            "exhibition",
            "expo",
            "championship",
            "cup",
            "exercise",
            "exercises",
            "session",
        ],
    ),
    (
        "en",
        "organization",
        &[
            "university",
            "centre",
            "center",
            "bank",
            "fund",
            "council",
            "organization",
            "organisation",
            "agency",
            "committee",
            "ministry",
            "programme",
            "program",
            "institute",
            "association",
            "union",
            "corporation",
            "company",
            "commission",
            "foundation",
            "party",
            "academy",
            "court",
            "parliament",
            "assembly",
            "presidency",
        ],
    ),
    (
        "en",
        "place",
        &[
            "sea",
            "ocean",
            "river",
            "lake",
            "mountains",
            "island",
            "islands",
            "region",
            "province",
            "city",
            "district",
            "republic",
            "kingdom",
            "valley",
            "desert",
            "bay",
            "gulf",
            "peninsula",
            "corridor",
            "port",
            "seaport",
            "airport",
            "street",
            "square",
        ],
    ),
    (
        "ru",
        "event",
        &[
            "саммит",
            "форум",
            "конференция",
            "конгресс",
            "игры",
            "фестиваль",
            "выставка",
        ],
    ),
    (
        "ru",
        "organization",
        &[
            "университет",
            "банк",
            "фонд",
            "совет",
            "центр",
            "агентство",
            "комитет",
            "министерство",
            "институт",
            "организация",
            "союз",
            "партия",
        ],
    ),
    (
        "ru",
        "place",
        &[
            "море",
            "река",
            "озеро",
            "горы",
            "остров",
            "область",
            "район",
            "город",
            "республика",
            "залив",
            "порт",
            "улица",
            "площадь",
        ],
    ),
];

/// The category a group's names suggest: `person` for a name that follows
/// a title ("President Ilham Aliyev"), else the first of event,
/// organisation, place whose words one of its words is
/// ([`CATEGORY_WORDS`]), else `other`.
fn category_hint(language: &LangTag, group: &[Form]) -> &'static str {
    if group.iter().any(|f| f.after_title > 0) {
        return "person";
    }
    let words: Vec<String> = group
        .iter()
        .flat_map(|f| f.text.split(|c: char| c.is_whitespace() || c == '-'))
        .map(str::to_lowercase)
        .collect();
    CATEGORY_WORDS
        .iter()
        .filter(|(l, _, _)| *l == language.primary() || *l == "en")
        .find(|(_, _, list)| words.iter().any(|w| list.contains(&w.as_str())))
        .map_or("other", |&(_, category, _)| category)
}

/// A word of a document and where it is.
type Word<'w> = (Range<usize>, &'w str);

/// The words of `piece` as written, white space collapsed.
fn joined(source: &Source<'_>, piece: &[&(Range<usize>, &str)]) -> String {
    match (piece.first(), piece.last()) {
        (Some(first), Some(last)) => source.text[first.0.start..last.0.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// A run of words as a candidate. Connectors never end it; at the start of
/// a sentence, where any word is capitalised, ordinary words are trimmed from
/// its start ("The", "Last"), unless all of them are: then see
/// [`all_ordinary_at_sentence_start`]. A lone ordinary word is never a
/// candidate.
fn finish(source: &Source<'_>, run: &[&(Range<usize>, &str)]) -> Option<String> {
    let ordinary = |w: &str| {
        let short = w.chars().count() <= 2
            && !(w.chars().count() == 2 && w.chars().all(char::is_uppercase));
        short
            || dictionary::is_word(source.language, &w.to_lowercase())
            || CONNECTORS.contains(&w)
            || source
                .words
                .as_ref()
                .is_some_and(|i| i.classify(w) == dictionary::Known::Word)
    };
    let first = run.first()?;
    let before = &source.text[..first.0.start];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let at_line_start = line
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '*' | '•' | '#'));
    let before = before.trim_end();
    let sentence_start = at_line_start
        || before.is_empty()
        || before.ends_with(['.', '!', '?', '…', ':', '“', '"', '«', '-', '–', '—']);
    let end = run.iter().rposition(|w| !CONNECTORS.contains(&w.1))? + 1;
    let start = if !sentence_start {
        0
    } else if let Some(name) = run.iter().position(|w| !ordinary(w.1)) {
        name
    } else {
        all_ordinary_at_sentence_start(source, run, end)?
    };
    if start >= end || (end - start == 1 && ordinary(run[start].1)) {
        return None;
    }
    let text = &source.text[run[start].0.start..run[end - 1].0.end];
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Where the name starts in a `run` (ending at `end`) at the start of a
/// sentence whose words are all ordinary ones. The words after the first
/// are capitalised for a reason: "The Digital Silk Road" is "Digital Silk
/// Road", though each of its words is in the dictionary (trimming them all
/// lost the name). So if the first word is a short one the sentence
/// capitalises (an article, a conjunction, a preposition: three letters or
/// fewer, not in capitals), the name starts after it and the connectors after it, if two
/// words of three letters or more remain. A longer first word may be the
/// name's own ("United States Minor Outlying Islands", "Federal Republic
/// of Germany"): no candidate, as before. Not in German, which capitalises
/// every noun, nor in Vietnamese, whose words are syllables ("Tây Ban
/// Nha" is Spain), nor with a word in capitals ("Y DIJO Samuel", "THIS IS
/// THE": a chapter's first words), nor from short words ("And I Paul"),
/// which the Bible capitalises at will.
fn all_ordinary_at_sentence_start(
    source: &Source<'_>,
    run: &[&(Range<usize>, &str)],
    end: usize,
) -> Option<usize> {
    // In capitals, a short word is an acronym of the name ("US
    // Miscellaneous Pacific Islands"), not an article.
    let short_first = run.first().is_some_and(|w| match w.1.chars().count() {
        1 => true,
        2 | 3 => w.1.chars().any(char::is_lowercase),
        _ => false,
    });
    if !short_first || matches!(source.language.primary(), "de" | "lb" | "vi") {
        return None;
    }
    let start = 1 + run
        .iter()
        .skip(1)
        .take_while(|w| CONNECTORS.contains(&w.1))
        .count();
    let words: Vec<&str> = run
        .get(start..end)?
        .iter()
        .map(|w| w.1)
        .filter(|w| !CONNECTORS.contains(w))
        .collect();
    let named = words.len() >= 2
        && words.iter().all(|w| w.chars().count() >= 3)
        && !words
            .iter()
            .any(|w| w.chars().count() >= 2 && !w.chars().any(char::is_lowercase));
    named.then_some(start)
}

/// A month's or weekday's name alone ("November", "Мая", "Monday",
/// "Понедельник"): a date's word, not a name (in a name, "Theresa May",
/// it is not alone).
fn is_calendar_word(candidate: &str) -> bool {
    let lower = candidate.to_lowercase();
    !candidate.contains(' ')
        && (crate::months::month_number(&lower, None).is_some()
            || crate::months::is_weekday(&lower))
}

fn is_name_word(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let ordinal = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && w.len() - digits.len() <= 2;
    if ordinal {
        return false; // "16th", "2nd": numbers, not names
    }
    let has_digit = w.chars().any(|c| c.is_ascii_digit());
    let has_letter = w.chars().any(char::is_alphabetic);
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    has_letter && (capital || has_digit)
}

/// Words: letters and digits, joined over `-` and apostrophes between them.
fn words(text: &str, segment: Range<usize>) -> impl Iterator<Item = Word<'_>> {
    let s = &text[segment.clone()];
    let mut start: Option<usize> = None;
    // A character ahead is peeked at, not read from a list of them: a 100
    // MB segment's list took 1.6 GB.
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let next_word = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            let inside = c.is_alphanumeric()
                || (start.is_some() && matches!(c, '-' | '\'' | '’') && next_word);
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    start = None;
                    return Some((segment.start + st..segment.start + i, &s[st..i]));
                }
                _ => {}
            }
        }
        start
            .take()
            .map(|st| (segment.start + st..segment.end, &s[st..]))
    })
}

#[cfg(test)]
mod tests {
    use super::variants;

    #[test]
    fn taken_ranges_overlap_a_word_as_each_would() {
        use super::Taken;
        // Nested, overlapping, touching, apart, empty, out of order.
        let sets: Vec<Vec<std::ops::Range<usize>>> = vec![
            vec![],
            vec![3..7],
            vec![3..7, 7..9, 12..15, 4..5, 20..20, 1..2, 25..25, 14..18],
            vec![10..10, 0..30],
            vec![5..6, 5..6, 2..12, 13..14],
        ];
        for set in sets {
            let taken = Taken::new(set.iter().cloned());
            for start in 0..=30 {
                for end in start..=30 {
                    let each = set.iter().any(|c| c.start < end && start < c.end);
                    assert_eq!(
                        taken.overlaps(&(start..end)),
                        each,
                        "{set:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn inflections_fold_into_their_base() {
        let en = crate::lang::LangTag::parse("en").unwrap();
        let mut forms = std::collections::BTreeMap::new();
        for (k, t) in [
            ("azerbaijan", "Azerbaijan"),
            ("azerbaijan's", "Azerbaijan’s"),
            ("azerbaijani", "Azerbaijani"),
        ] {
            forms.insert(
                k.to_owned(),
                super::Form {
                    text: t.to_owned(),
                    count: 1,
                    documents: vec![0],
                    title: false,
                    after_title: 0,
                    seen_as: Vec::new(),
                    lookalikes: Vec::new(),
                },
            );
        }
        let folded = super::fold_inflections(&en, forms);
        assert_eq!(folded.len(), 1);
        assert_eq!(folded["azerbaijan"].count, 3);
    }

    /// At a sentence's start, a name made of ordinary words keeps all but a
    /// short first word the sentence capitalises; a long first word, a word
    /// in capitals or a short word left over means no candidate, as before.
    #[test]
    fn a_name_of_ordinary_words_at_a_sentence_start_is_kept() {
        let en = crate::lang::LangTag::parse("en").unwrap();
        let found = |text: &str| -> Vec<String> {
            super::candidates(&whole("a.txt", text, &en))
                .into_iter()
                .map(|c| c.text)
                .collect()
        };
        assert_eq!(
            found("The Digital Silk Road project is underway."),
            ["Digital Silk Road"]
        );
        assert_eq!(
            found("Work began. The Middle Corridor grows."),
            ["Middle Corridor"]
        );
        // Mid-sentence, as before.
        assert_eq!(found("We saw the Middle Corridor."), ["Middle Corridor"]);
        // A word in capitals: a heading's, or a chapter's first words.
        assert!(found("THE Middle Corridor grows.").is_empty());
        assert!(found("The MIDDLE Corridor grows.").is_empty());
        // A long first word may be the name's own: left alone.
        assert!(found("Central Middle Corridor grows.").is_empty());
        // One word left after the first: an ordinary word.
        assert!(found("The Middle grows.").is_empty());
    }

    /// The bounded check agrees with the edit distance on every pair of
    /// short words over three letters.
    #[test]
    fn within_one_edit_is_edit_distance_at_most_one() {
        let mut words: Vec<Vec<char>> = vec![Vec::new()];
        let mut last = words.clone();
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|w| {
                    ['a', 'b', 'c'].into_iter().map(move |c| {
                        let mut longer = w.clone();
                        longer.push(c);
                        longer
                    })
                })
                .collect();
            words.extend(last.iter().cloned());
        }
        for a in &words {
            for b in &words {
                assert_eq!(
                    super::within_one_edit(a, b),
                    crate::matcher::fuzzy::edit_distance(a, b) <= 1,
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_text_ending_in_a_name_is_read_to_its_end() {
        let en = crate::lang::LangTag::parse("en").unwrap();
        let text = "The delegation flew to Astana";
        let source = whole("a.txt", text, &en);
        assert_eq!(
            super::candidates(&source),
            [super::Candidate {
                text: "Astana".to_owned(),
                title: false,
                after_title: false
            }]
        );
        let out = super::suggest(&[source], super::Options::default());
        assert!(out.contains("en = { preferred = \"Astana\" }"), "{out}");
    }

    /// `text` as one document, all of it one segment.
    fn whole<'a>(
        path: &'a str,
        text: &'a str,
        language: &'a crate::lang::LangTag,
    ) -> super::Source<'a> {
        super::Source {
            path,
            text,
            language,
            segments: std::iter::once(0..text.len()).collect(),
            covered: vec![],
            near: vec![],
            words: None,
        }
    }

    /// The output of `suggest` for documents given as (path, language, text).
    fn proposed(docs: &[(&str, &str, &str)]) -> String {
        let tags: Vec<crate::lang::LangTag> = docs
            .iter()
            .map(|(_, l, _)| crate::lang::LangTag::parse(l).unwrap())
            .collect();
        let sources: Vec<super::Source<'_>> = docs
            .iter()
            .zip(&tags)
            .map(|((path, _, text), language)| whole(path, text, language))
            .collect();
        super::suggest(&sources, super::Options::default())
    }

    /// A surname alone is the short form of the one person's full name it
    /// ends; one that two full names end in stays a term of its own.
    #[test]
    fn a_surname_joins_the_one_full_name_it_ends() {
        let one = proposed(&[(
            "a.txt",
            "en",
            "President Ilham Aliyev arrived. Later, Aliyev spoke.",
        )]);
        assert!(
            one.contains("en = { preferred = \"Ilham Aliyev\", short = [\"Aliyev\"] }"),
            "{one}"
        );
        let two = proposed(&[(
            "a.txt",
            "en",
            "President Ilham Aliyev opened the Heydar Aliyev Centre. Aliyev spoke. President Heydar Aliyev founded it.",
        )]);
        assert!(!two.contains("short"), "{two}");
        assert!(two.contains("en = { preferred = \"Aliyev\" }"), "{two}");
        // Not a person: no title anywhere, so a place's last word is no surname.
        let place = proposed(&[("a.txt", "en", "The Caspian Sea is large. The Sea is cold.")]);
        assert!(!place.contains("short"), "{place}");
    }

    /// One name in two languages is one term; a name of one language near
    /// two names of another stays apart, and so do names near only by a
    /// looser measure (Amram and Авраам).
    #[test]
    fn a_name_in_two_languages_is_one_term() {
        let out = proposed(&[
            ("en.txt", "en", "The talks in Astana went well."),
            ("ru.txt", "ru", "Переговоры прошли в городе Астана успешно."),
        ]);
        assert!(
            out.contains("en = { preferred = \"Astana\" }\n# \"Астана\": seen 1 time in ru.txt\nru = { preferred = \"Астана\" }"),
            "{out}"
        );
        let together = |out: &str, a: &str, b: &str| {
            out.split("[[term]]")
                .any(|term| term.contains(a) && term.contains(b))
        };
        let apart = proposed(&[
            ("en.txt", "en", "Then came Amram."),
            ("ru.txt", "ru", "Потом пришёл Авраам."),
        ]);
        assert!(!together(&apart, "\"Amram\"", "\"Авраам\""), "{apart}");
        // Each English name is one edit from the Polish one, in a different
        // word, and two from each other.
        let ambiguous = proposed(&[
            (
                "en.txt",
                "en",
                "Then Alexandra Petrova Smith came, and Alexandre Petrovo Smith.",
            ),
            ("pl.txt", "pl", "Potem przyszedł Alexandra Petrovo Smith."),
        ]);
        assert!(!together(&ambiguous, "en = {", "pl = {"), "{ambiguous}");
    }

    /// An acronym no capitalised name expands is the short form of the one
    /// lower-case phrase whose initials it is; two such phrases, or two
    /// letters, leave it alone.
    /// The phrase at the start of `text`, its words read as `suggest` reads
    /// a document's.
    fn phrase(text: &str, wanted: &[char]) -> Option<String> {
        let mut words = super::Ahead::new(text);
        words.next_start()?;
        super::initials_phrase(words.phrase(), wanted)
    }

    /// Reading a document's words a start at a time finds each phrase a
    /// list of all its words finds, where phrases overlap, run to the end
    /// or read many small words ahead.
    #[test]
    fn phrases_read_ahead_as_from_a_list_of_words() {
        let texts = [
            "",
            "internally displaced persons",
            "the internally displaced persons (IDPs), internally, displaced. persons",
            "office of the of the of the of drugs on crime, office on drugs and",
            "idle idle displaced displaced persons persons internally",
            "Internally displaced persons, internal dispute persists",
        ];
        for text in texts {
            let all: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .filter(|w| !w.is_empty())
                .collect();
            for wanted in ["idp", "odc", "ipp", "iii", "dd"] {
                let wanted: Vec<char> = wanted.chars().collect();
                let listed: Vec<Option<String>> = (0..all.len())
                    .map(|k| super::initials_phrase(all[k..].iter().copied(), &wanted))
                    .collect();
                let mut words = super::Ahead::new(text);
                let mut ahead = Vec::new();
                while words.next_start().is_some() {
                    ahead.push(super::initials_phrase(words.phrase(), &wanted));
                }
                assert_eq!(ahead, listed, "{text:?} {wanted:?}");
            }
        }
    }

    #[test]
    fn an_acronym_joins_its_expansion_in_lower_case() {
        let wanted: Vec<char> = "idp".chars().collect();
        assert_eq!(
            phrase("internally displaced persons returned", &wanted).as_deref(),
            Some("internally displaced persons")
        );
        let unodc: Vec<char> = "odc".chars().collect();
        assert_eq!(
            phrase("office on drugs and crime", &unodc).as_deref(),
            Some("office on drugs and crime")
        );
        assert_eq!(phrase("Internally displaced persons", &wanted), None);
        assert_eq!(phrase("of displaced persons", &wanted), None);
        let one = proposed(&[(
            "a.txt",
            "en",
            "Help for internally displaced persons (IDPs) grew. The IDPs went home.",
        )]);
        assert!(
            one.contains(
                "en = { preferred = \"internally displaced persons\", short = [\"IDPs\"] }"
            ),
            "{one}"
        );
        let two = proposed(&[(
            "a.txt",
            "en",
            "The IDPs went home. See internal dispute procedures and internally displaced persons.",
        )]);
        assert!(!two.contains("short"), "{two}");
        let letters = proposed(&[("a.txt", "en", "The EU met. Every union met.")]);
        assert!(!letters.contains("short"), "{letters}");
        // The phrase in the acronym's document, not introducing it: the
        // initials may be chance.
        let chance = proposed(&[("a.txt", "en", "Praise JAH. They judge among the heathen.")]);
        assert!(!chance.contains("short"), "{chance}");
        let apart = proposed(&[
            ("a.txt", "en", "The IDPs went home."),
            ("b.txt", "en", "The internally displaced persons went home."),
        ]);
        assert!(apart.contains("short = [\"IDPs\"]"), "{apart}");
    }

    #[test]
    fn acronyms_are_the_initials_of_a_name() {
        assert_eq!(super::acronym("AIFC").as_deref(), Some("AIFC"));
        assert_eq!(super::acronym("IDPs").as_deref(), Some("IDP"));
        assert_eq!(super::acronym("СНГ").as_deref(), Some("СНГ"));
        assert_eq!(super::acronym("Baku"), None);
        assert_eq!(super::acronym("A"), None);
        assert_eq!(
            super::initials("UN Special Programme for the Economies of Central Asia"),
            ["USPECA", "SPECA"]
        );
        assert_eq!(
            super::initials("Astana International Financial Centre"),
            ["AIFC"]
        );
        // Two words are too few to be sure of.
        assert!(super::initials("Central Asia").is_empty());
    }

    #[test]
    fn inline_tags_are_no_text() {
        let text = "Lifebuoy <ph id=\"source2\" dataRef=\"source2\"/> Jif wipes";
        let parts: Vec<&str> = super::between_tags(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, ["Lifebuoy ", " Jif wipes"]);
        assert_eq!(super::between_tags("a < b", 0..5), [0..2, 2..5]);
    }

    #[test]
    fn ids_are_ascii_in_every_script() {
        assert_eq!(super::slug("Делегация"), "delegatsiya");
        assert_eq!(super::slug("Кaзахстан"), "kazakhstan");
        assert_eq!(super::slug("Oʻzbekiston"), "ozbekiston");
        assert_eq!(
            super::slug("Alat International Trade Seaport"),
            "alat-international-trade-seaport"
        );
        assert_eq!(super::slug("马来西亚"), "malaixiya");
        assert!(super::slug("السودان").is_ascii());
        assert_eq!(super::slug("…"), "term");
    }

    #[test]
    fn variant_names() {
        assert!(variants("birlestik-2024", "birlistik-2024"));
        assert!(variants(
            "alat international trade seaport",
            "alat international trade port"
        ));
        assert!(!variants("central asia", "central asian countries"));
        assert!(!variants("kazakhstan", "tajikistan"));
        // The parts of a hyphenated name are words.
        assert!(variants("azerbaijan-kazakh", "azerbaijan-kazakhstan"));
        assert!(!variants("azerbaijan-kazakhstan", "azerbaijan-uzbekistan"));
    }
}
