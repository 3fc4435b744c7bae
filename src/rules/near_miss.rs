//! `near-miss`: a word or phrase close to a glossary rendering that the
//! glossary does not list, such as "Birlistik-2024" when only
//! "Birlestik-2024" is known.
#![doc = include_str!("../../docs/rules/near-miss.md")]

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::context::oneline;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::dictionary::Known;
use crate::glossary::RenderingKind;
use crate::hash::FastSet;
use crate::inflect::Inflection;
use crate::matcher::boundary::{is_whole_word, is_word_char};
use crate::matcher::fuzzy::{is_latin, Probe, WordHasher, MAX_WORDS};
use crate::matcher::{FuzzyIndex, NearHit, TermMatch};
use crate::normalize::{fold_key, is_invisible, typographic, WordChars};

/// A word of the original text, as near-miss sees it.
#[derive(Clone)]
struct Token {
    range: Range<usize>,
    /// Starts with a capital, or with a letter of a script without case.
    capitalised: bool,
}

/// Reports word sequences that are near a rendering and not a match.
pub(super) fn check(ctx: &mut Context<'_>, matches: &[TermMatch], index: &FuzzyIndex) {
    if !ctx.is_enabled(Rule::NearMiss) {
        return;
    }
    let pieces = pieces(ctx.text, ctx.segments);
    let found = if pieces.len() < 2 {
        Memo::with(index, |memo| scan(ctx, matches, index, memo))
    } else {
        // A large document: its pieces on every core, each with its
        // thread's memo.
        ctx.check_in_parallel(&pieces, Vec::as_slice, |own, _| {
            Memo::with(index, |memo| scan(own, matches, index, memo))
        })
        .concat()
    };
    report_found(ctx, found);
}

/// Reports the candidates `found` in the whole document of `ctx`, but for
/// those that it also writes in lower case. The document is searched once,
/// not once a piece: each search reads all of it (a 100 MB file's hundred
/// pieces took 30 s).
fn report_found(ctx: &mut Context<'_>, found: Vec<(Range<usize>, NearHit)>) {
    let lower = written_in_lower_case(ctx, &found);
    for (span, hit) in found {
        let word = &ctx.text[span.clone()];
        let ordinary = !ctx.glossary.terms[hit.term].near_miss_words
            && lower.contains(word.to_lowercase().as_str());
        if !ordinary {
            report(ctx, span, hit);
        }
    }
}

/// Words read and looked up at once, where words are not skipped by their
/// first letter: the processor then waits for their entries together
/// rather than one after the other (issue 23: a tenth of near-miss's time
/// on Persian, Arabic and Japanese).
const BATCH: usize = 8;

/// Whether most of the first 16 KiB of `text` is beyond ASCII: text in a
/// script other than Latin (Persian, Russian or Hindi 85% or more,
/// Vietnamese 41%, Turkish 23%).
fn mostly_beyond_ascii(text: &str) -> bool {
    let sample = &text.as_bytes()[..text.len().min(1 << 14)];
    // Summed, not filtered and counted: the sum is done sixteen bytes at
    // a time.
    let beyond: usize = sample.iter().map(|&b| usize::from(b >> 7)).sum();
    beyond * 2 > sample.len()
}

/// Text checked in one piece, at least: a 100 KB file is one.
const PIECE: usize = 1 << 20;

/// `segments` cut into pieces of about [`PIECE`] bytes that no candidate
/// can span: each cut is just after a character that is neither white
/// space, nor invisible, nor part of a word (a period, a comma, "。"),
/// which no word and no gap between the words of a candidate holds. One
/// piece (all of `segments`) if the text is small.
fn pieces(text: &str, segments: &[Range<usize>]) -> Vec<Vec<Range<usize>>> {
    let total: usize = segments.iter().map(ExactSizeIterator::len).sum();
    if total < 2 * PIECE {
        return vec![segments.to_vec()];
    }
    let mut out = Vec::new();
    let mut piece = Vec::new();
    let mut size = 0;
    for segment in segments {
        let mut start = segment.start;
        // `size` is below PIECE here: a full piece is pushed at once.
        while segment.end - start > PIECE - size {
            let Some(cut) = breaker_after(text, start + PIECE - size, segment.end) else {
                break;
            };
            piece.push(start..cut);
            out.push(std::mem::take(&mut piece));
            size = 0;
            start = cut;
        }
        size += segment.end - start;
        piece.push(start..segment.end);
        if size >= PIECE {
            out.push(std::mem::take(&mut piece));
            size = 0;
        }
    }
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// The end of the first character from byte `from` (rounded up to a
/// character) to `end` that no word or gap between words holds, if any.
fn breaker_after(text: &str, from: usize, end: usize) -> Option<usize> {
    let mut at = from;
    while at < end && !text.is_char_boundary(at) {
        at += 1;
    }
    text.get(at..end)?.char_indices().find_map(|(i, c)| {
        let breaks = !(c.is_whitespace() || is_invisible(c) || is_word_char(c) || is_connector(c));
        breaks.then(|| at + i + c.len_utf8())
    })
}

/// One pass over the words: a word's memo entry says which candidate
/// lengths it can start, and for most words that is none, so they cost a
/// tokenisation and one memo lookup and nothing is kept of them. The words
/// after a possible start are read then, and queued with their entries for
/// the pass to take up next: a candidate spans at most MAX_WORDS, and a
/// 200 MB line is never held as a vector of its 40 million words.
// Kept whole: the hot loop over the words (see the doc comment); splitting it cost measurable time
// per word.
fn scan(
    ctx: &Context<'_>,
    matches: &[TermMatch],
    index: &FuzzyIndex,
    memo: &mut Memo,
) -> Vec<(Range<usize>, NearHit)> {
    let inflection = index.inflection();
    let capitals_only = !index.any_lowercase_start();
    // Where only capitalised words can start a candidate, Latin text skips
    // its small words without making words of them (`skip_small`); text
    // in other scripts has none to skip (a script without case, where
    // every word counts as capitalised) or none that fast, and is better
    // read in batches whose entries are looked up together.
    let batched = !capitals_only || mostly_beyond_ascii(ctx.text);
    let digits_start = index.digits_may_start();
    let matched: Vec<Range<usize>> = matches.iter().map(|m| m.range.clone()).collect();
    let segments = ctx.segments;
    let mut phrase: Vec<(Token, Slot)> = Vec::with_capacity(MAX_WORDS);
    // Words read ahead, with their entry once looked up.
    let mut queue = Ahead::default();
    // Matches are sorted and disjoint, and words come in order, segment
    // after segment: the matches not yet behind the current word start at
    // `ahead`. (Starting again at each segment made a 100,000-unit XLIFF
    // quadratic.)
    let mut ahead = 0;
    let mut last_end = 0;
    // The words since the last candidate, up to MAX_WORDS - 1, for
    // renderings found from their first capitalised word back ("the
    // State of Palestine" from "State").
    let look_back = index.has_anchors();
    let mut recent = Recent::default();
    // Candidates, for `check` to report once every piece is read.
    let mut found: Vec<(Range<usize>, NearHit)> = Vec::new();
    for segment in segments.iter().cloned() {
        if segment.start < last_end {
            ahead = 0;
        }
        last_end = segment.end;
        let mut words = Words::new(ctx.text, segment, inflection);
        loop {
            let (first, mut known) = match queue.pop_front() {
                Some(queued) => queued,
                None if capitals_only && !batched => {
                    words.skip_small(look_back.then_some(&mut recent));
                    match words.next_word() {
                        Some(token) => (token, None),
                        None => break,
                    }
                }
                None => {
                    // The next few words at once (see `BATCH`); where only
                    // capitalised words start candidates, only theirs.
                    for _ in 0..BATCH {
                        match words.next_word() {
                            Some(token) => queue.push_back((token, None)),
                            None => break,
                        }
                    }
                    for (token, known) in queue.iter_mut() {
                        if !capitals_only || token.capitalised {
                            *known = memo.get(ctx.text, token.range.clone());
                        }
                    }
                    match queue.pop_front() {
                        Some(queued) => queued,
                        None => break,
                    }
                }
            };
            if capitals_only && !first.capitalised {
                if look_back {
                    recent.push(first.range.start);
                }
                continue;
            }
            // Most words, looked up in a batch, start nothing: what the
            // tests below would end in for them too, without them (a
            // match is passed later, and the memo made room for later).
            if known.is_some_and(|head| head.lengths == 0 && !head.anchored) {
                recent.push(first.range.start);
                continue;
            }
            while matched
                .get(ahead)
                .is_some_and(|m| m.end <= first.range.start)
            {
                ahead += 1;
            }
            // A word inside a match starts no candidate, but one that
            // starts a match may start a longer name misspelt around it
            // ("Sudán del Sru", around "Sudán").
            let in_match = matched
                .get(ahead)
                .is_some_and(|m| m.start < first.range.end);
            if in_match && matched[ahead].start < first.range.start {
                recent.push(first.range.start);
                continue;
            }
            // A number starts no candidate unless some rendering is near
            // digits: not worth a memo entry each (a catalogue numbers its
            // 100,000 units, and those entries pushed its words out).
            if known.is_none()
                && !digits_start
                && ctx.text.as_bytes()[first.range.clone()]
                    .iter()
                    .all(u8::is_ascii_digit)
            {
                recent.push(first.range.start);
                continue;
            }
            if memo.make_room() {
                // The entries of the queued words are gone.
                queue.iter_mut().for_each(|(_, slot)| *slot = None);
                known = None;
            }
            let head = known.unwrap_or_else(|| memo.word(ctx, index, &first, in_match));
            if head.anchored {
                let from = (&first, head);
                let more = (&mut queue, &mut words);
                if let Some((span, after, hit)) = from_anchor(
                    ctx,
                    (matches, inflection),
                    (index, memo),
                    &recent,
                    from,
                    more,
                ) {
                    // The candidate's words after this one are taken.
                    queue.drop_front(after);
                    found.push((span, hit));
                    recent.clear();
                    continue;
                }
            }
            if head.lengths == 0 {
                recent.push(first.range.start);
                continue;
            }
            // The words a candidate starting here could take: up to the
            // longest length it can start, while only white space
            // separates them.
            let longest = (u8::BITS - head.lengths.leading_zeros()) as usize;
            phrase.clear();
            phrase.push((first, head));
            read_ahead(
                ctx,
                (index, memo),
                &mut phrase,
                (1, longest),
                (&mut queue, &mut words),
            );
            if let Some((n, hit)) =
                best_at(ctx, &phrase, &matches[ahead..], (index, memo), head.lengths)
            {
                queue.drop_front(n - 1);
                let span = phrase[0].0.range.start..phrase[n - 1].0.range.end;
                found.push((span, hit));
                recent.clear();
            } else {
                recent.push(phrase[0].0.range.start);
            }
        }
        queue.clear();
        recent.clear();
    }
    found
}

/// The candidates in `found` that are one capitalised word which the
/// document also writes in lower case ("Jeden" at the start of a sentence,
/// "jeden" inside one), in lower case: ordinary words of the language,
/// capitalised only because a sentence starts with them, even where no
/// dictionary knows them.
fn written_in_lower_case(
    ctx: &Context<'_>,
    found: &[(Range<usize>, NearHit)],
) -> std::collections::HashSet<String> {
    let wanted = found
        .iter()
        .filter_map(|(span, _)| lower_case_form(&ctx.text[span.clone()]))
        .collect();
    whole_words_in(ctx.text, wanted)
}

/// The spelling in lower case whose use elsewhere shows that the candidate
/// `found` is an ordinary word: for one word only, and only if lower case
/// changes it.
pub(crate) fn lower_case_form(found: &str) -> Option<String> {
    if found.contains(char::is_whitespace) {
        return None;
    }
    Some(found.to_lowercase()).filter(|lower| lower != found)
}

/// Those of `wanted` that `text` holds as a whole word (no word character
/// right before or after). A translation memory read in windows asks this
/// of each window in turn, so the answer for a text is the union of its
/// parts' answers wherever the parts are cut between words.
pub(crate) fn whole_words_in(
    text: &str,
    mut wanted: std::collections::HashSet<String>,
) -> std::collections::HashSet<String> {
    let search = |lower: &String| {
        memchr::memmem::find_iter(text.as_bytes(), lower.as_bytes())
            .any(|at| is_whole_word(text, at, lower.len()))
    };
    // A few spellings: one fast search each. Many (a document full of
    // near-misses): one pass that looks for all of them at once, so the
    // cost stays linear in the document.
    if wanted.len() <= 16 {
        wanted.retain(search);
        return wanted;
    }
    // A spelling with a hyphen or an apostrophe is no single run of word
    // characters: one search each.
    let (plain, joined): (Vec<String>, Vec<String>) = wanted
        .into_iter()
        .partition(|w| w.chars().all(is_word_char));
    let mut seen: std::collections::HashSet<String> = joined.into_iter().filter(search).collect();
    if plain.is_empty() {
        return seen;
    }
    // One pass over the document's words; most are told apart from every
    // spelling wanted by their length and first byte.
    let wanted: FastSet<&str> = plain.iter().map(String::as_str).collect();
    let lengths = plain.iter().map(String::len);
    let lengths = lengths.clone().min().unwrap_or(0)..=lengths.max().unwrap_or(0);
    let mut firsts = [false; 256];
    for spelling in &plain {
        if let Some(&b) = spelling.as_bytes().first() {
            firsts[usize::from(b)] = true;
        }
    }
    let mut found: FastSet<&str> = FastSet::default();
    for word in word_runs(text) {
        if lengths.contains(&word.len())
            && firsts[usize::from(word.as_bytes()[0])]
            && wanted.contains(word)
            && found.insert(word)
            && found.len() == wanted.len()
        {
            break;
        }
    }
    seen.extend(found.into_iter().map(str::to_owned));
    seen
}

/// The runs of word characters of `text`, in order, as splitting it at
/// every other character gives them (without the empty ones): plain ASCII
/// read eight bytes at a time.
fn word_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        at = ascii_gap_end(bytes, at);
        let &b = bytes.get(at)?;
        if !b.is_ascii() {
            let (c, len) = char_at(text, at);
            if !is_word_char(c) {
                at += len;
                continue;
            }
        }
        let start = at;
        loop {
            at = ascii_word_end(bytes, at);
            match bytes.get(at) {
                Some(b) if !b.is_ascii() => {
                    let (c, len) = char_at(text, at);
                    if !is_word_char(c) {
                        break;
                    }
                    at += len;
                }
                _ => break,
            }
        }
        return Some(&text[start..at]);
    })
}

/// Whether the gap between two words is only white space (mostly one
/// space: no decoding).
fn joins(text: &str, gap: Range<usize>) -> bool {
    let gap = &text[gap];
    gap.bytes().all(|b| b.is_ascii_whitespace())
        || gap.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// The longest candidate that is a prefix of `phrase` (its words joined by
/// white space, each with its memo entry) and near a rendering.
/// `lengths`: the candidate lengths to look at, bit `n - 1` for `n` words.
#[inline(always)]
fn best_at(
    ctx: &Context<'_>,
    phrase: &[(Token, Slot)],
    matched: &[TermMatch],
    (index, memo): (&FuzzyIndex, &mut Memo),
    lengths: u8,
) -> Option<(usize, NearHit)> {
    let (first, head) = &phrase[0];
    let mut best = None;
    let mut key = String::new();
    for words in 1..=phrase.len() {
        let last = &phrase[words - 1].0;
        let inside = match inside(ctx, matched, &(first.range.start..last.range.end)) {
            Inside::Nothing => None,
            Inside::Names(terms) => Some(terms),
            Inside::Partly => continue,
            Inside::Stop => break,
        };
        if lengths & (1 << (words - 1)) == 0 {
            continue;
        }
        if words == 1 {
            if inside.is_some() {
                continue;
            }
            best = memo.words[head.id as usize].alone.map(|hit| (1, hit));
            continue;
        }
        // Prose repeats its phrases ("and the", "he said"): what a phrase
        // is near depends only on its words' spellings, so on their ids.
        let id = phrase_id(&phrase[..words]);
        let hit = match id.and_then(|id| memo.phrases.get(&id)) {
            Some(known) => *known,
            None => {
                let hit = phrase_near(ctx, &phrase[..words], index, memo, &mut key);
                if let Some(id) = id {
                    memo.phrases.insert(id, hit);
                }
                hit
            }
        };
        // Around a name found as written, only another, longer name can
        // be misspelt.
        if let Some(hit) = hit.filter(|hit| inside.as_ref().is_none_or(|t| !t.contains(&hit.term)))
        {
            best = Some((words, hit));
        }
    }
    best
}

/// The words read ahead of the pass, in order, with their entries once
/// looked up: a vector read from `head`. The pass reads ahead a batch only
/// when none are left, and a candidate's words after its first, so few are
/// ever held; what is taken is dropped when all are, or when it is many.
#[derive(Default)]
struct Ahead {
    words: Vec<(Token, Option<Slot>)>,
    head: usize,
}

impl Ahead {
    #[inline(always)]
    fn pop_front(&mut self) -> Option<(Token, Option<Slot>)> {
        let next = self.words.get(self.head)?.clone();
        self.head += 1;
        if self.head == self.words.len() {
            self.clear();
        }
        Some(next)
    }

    #[inline(always)]
    fn push_back(&mut self, word: (Token, Option<Slot>)) {
        if self.head >= 64 {
            self.words.drain(..self.head);
            self.head = 0;
        }
        self.words.push(word);
    }

    fn len(&self) -> usize {
        self.words.len() - self.head
    }

    fn get_mut(&mut self, at: usize) -> &mut (Token, Option<Slot>) {
        &mut self.words[self.head + at]
    }

    fn iter_mut(&mut self) -> std::slice::IterMut<'_, (Token, Option<Slot>)> {
        self.words[self.head..].iter_mut()
    }

    /// Drops the first `n` words.
    fn drop_front(&mut self, n: usize) {
        assert!(n <= self.len());
        self.head += n;
        if self.head == self.words.len() {
            self.clear();
        }
    }

    fn clear(&mut self) {
        self.words.clear();
        self.head = 0;
    }
}

/// Adds to `phrase` the words after it, up to `longest` words in all,
/// while only white space separates them: from `queue` (whose first word
/// is phrase word `skip`), reading more into `queue` from `words` and
/// looking each up once.
#[inline(always)]
fn read_ahead(
    ctx: &Context<'_>,
    (index, memo): (&FuzzyIndex, &mut Memo),
    phrase: &mut Vec<(Token, Slot)>,
    (skip, longest): (usize, usize),
    (queue, words): (&mut Ahead, &mut Words<'_>),
) {
    while phrase.len() < longest {
        let at = phrase.len() - skip;
        if at == queue.len() {
            match words.next_word() {
                Some(t) => queue.push_back((t, None)),
                None => break,
            }
        }
        let (next, slot) = queue.get_mut(at);
        if !joins(
            ctx.text,
            phrase[phrase.len() - 1].0.range.end..next.range.start,
        ) {
            break;
        }
        let slot = *slot.get_or_insert_with(|| memo.word(ctx, index, next, false));
        phrase.push((next.clone(), slot));
    }
}

/// Where the words read since the last candidate start, the last
/// MAX_WORDS - 1 of them: one store a word, or one for a run of small
/// words passed over together ([`Words::skip_small`]). The words are read
/// again from there only when a rendering's first capitalised word asks
/// ([`from_anchor`]), which is rare; so is finding where the words of a
/// run start.
#[derive(Default)]
struct Recent {
    /// Each a word's start (an empty range), or the span of a run of
    /// words of small ASCII letters with only ASCII characters that end
    /// words between them, from the first's start to the last's end.
    /// Each holds a word at least, so the last MAX_WORDS - 1 hold the last
    /// MAX_WORDS - 1 words.
    items: [(usize, usize); MAX_WORDS - 1],
    next: usize,
    count: usize,
}

impl Recent {
    #[inline]
    fn push(&mut self, start: usize) {
        self.push_item((start, start));
    }

    /// Notes the small words from `run.start` to `run.end`, which start
    /// and end words.
    #[inline]
    fn push_small(&mut self, run: Range<usize>) {
        debug_assert!(run.start < run.end);
        self.push_item((run.start, run.end));
    }

    #[inline]
    fn push_item(&mut self, item: (usize, usize)) {
        self.items[self.next] = item;
        self.next = if self.next + 1 == MAX_WORDS - 1 {
            0
        } else {
            self.next + 1
        };
        self.count += 1;
    }

    fn clear(&mut self) {
        self.count = 0;
    }

    /// The start of the word `back` words before the next one, if kept;
    /// `text` is the text the starts are in.
    fn start(&self, text: &str, back: usize) -> Option<usize> {
        if !(1..MAX_WORDS).contains(&back) {
            return None;
        }
        let bytes = text.as_bytes();
        let mut back = back;
        for k in 1..=self.count.min(MAX_WORDS - 1) {
            let (from, to) = self.items[(self.next + MAX_WORDS - 1 - k) % (MAX_WORDS - 1)];
            if from == to {
                back -= 1;
                if back == 0 {
                    return Some(from);
                }
                continue;
            }
            // The run's words, last first.
            let mut at = to;
            loop {
                at = back_over(bytes, from..at, false);
                if at == from {
                    break;
                }
                at = back_over(bytes, from..at, true);
                back -= 1;
                if back == 0 {
                    return Some(at);
                }
            }
        }
        None
    }
}

/// A candidate for a rendering that starts with small words ("the State
/// of Palestine"), found from its first capitalised word: `first`, with its
/// entry, word `j` of the rendering, so the candidate starts `j` words back
/// among `recent` (earlier starts first). Words after `first` are read
/// ahead into `queue` as the main pass does. The candidate's span, how
/// many words after `first` it takes, and the rendering it is near.
fn from_anchor(
    ctx: &Context<'_>,
    (matches, inflection): (&[TermMatch], Option<&Inflection>),
    (index, memo): (&FuzzyIndex, &mut Memo),
    recent: &Recent,
    (first, head): (&Token, Slot),
    (queue, words): (&mut Ahead, &mut Words<'_>),
) -> Option<(Range<usize>, usize, NearHit)> {
    for back in (1..MAX_WORDS).rev() {
        // Bit n - 1 for each length n of a rendering whose word `back` this is.
        let lengths = (1..=MAX_WORDS)
            .filter(|n| memo.words[head.id as usize].anchors & (1u64 << ((n - 1) * 8 + back)) != 0)
            .fold(0u8, |mask, n| mask | 1 << (n - 1));
        if lengths == 0 {
            continue;
        }
        let Some(before) = words_back(ctx, inflection, recent, back, first) else {
            continue;
        };
        let start = &before[0];
        // As in the main pass: a word inside a match (and not at its start)
        // starts no candidate.
        let ahead = matches.partition_point(|m| m.range.end <= start.range.start);
        let in_match = matches
            .get(ahead)
            .is_some_and(|m| m.range.start < start.range.end);
        if in_match && matches[ahead].range.start < start.range.start {
            continue;
        }
        let mut phrase: Vec<(Token, Slot)> = Vec::with_capacity(MAX_WORDS);
        for (k, token) in before.into_iter().enumerate() {
            let slot = memo.word(ctx, index, &token, k == 0 && in_match);
            phrase.push((token, slot));
        }
        phrase.push((first.clone(), head));
        let longest = (u8::BITS - lengths.leading_zeros()) as usize;
        read_ahead(
            ctx,
            (index, memo),
            &mut phrase,
            (back + 1, longest),
            (queue, words),
        );
        if let Some((n, hit)) = best_at(ctx, &phrase, &matches[ahead..], (index, memo), lengths) {
            let span = phrase[0].0.range.start..phrase[n - 1].0.range.end;
            return Some((span, n.saturating_sub(back + 1), hit));
        }
    }
    None
}

/// The `back` words before `first`, read again from where [`Recent`] says
/// the first of them starts, if only white space separates each from the
/// next and the last from `first`.
fn words_back(
    ctx: &Context<'_>,
    inflection: Option<&Inflection>,
    recent: &Recent,
    back: usize,
    first: &Token,
) -> Option<Vec<Token>> {
    let from = recent.start(ctx.text, back)?;
    let mut again = Words::new(ctx.text, from..first.range.start, inflection);
    let before: Vec<Token> = std::iter::from_fn(|| again.next_word())
        .take(back + 1)
        .collect();
    let joined = before
        .iter()
        .chain(std::iter::once(first))
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| joins(ctx.text, w[0].range.end..w[1].range.start));
    (before.len() == back && joined).then_some(before)
}

/// What matches a candidate's span holds.
enum Inside {
    Nothing,
    /// Whole matches of names that are not forbidden, by term: the
    /// candidate may be a longer name misspelt around them.
    Names(Vec<usize>),
    /// A match runs on past the span's end: a longer span may hold it.
    Partly,
    /// A forbidden match, which its own rule reports: no candidate
    /// spans it.
    Stop,
}

/// What the matches in `ahead` (those that do not end before `span`
/// starts, in order, none starting before it) are to a candidate over
/// `span`.
fn inside(ctx: &Context<'_>, ahead: &[TermMatch], span: &Range<usize>) -> Inside {
    let mut terms = Vec::new();
    for m in ahead.iter().take_while(|m| m.range.start < span.end) {
        if m.rendering(ctx.glossary).kind == RenderingKind::Forbidden {
            return Inside::Stop;
        }
        if m.range.end > span.end {
            return Inside::Partly;
        }
        terms.push(m.term);
    }
    if terms.is_empty() {
        Inside::Nothing
    } else {
        Inside::Names(terms)
    }
}

/// The ids of the words of `phrase`, packed into one number with their
/// count, if each fits in its share of the bits.
fn phrase_id(phrase: &[(Token, Slot)]) -> Option<u128> {
    const BITS: usize = 20;
    const _: () = assert!(MAX_WORDS * BITS + 3 <= 128 && Memo::LIMIT + MAX_WORDS < 1 << BITS);
    let mut id = phrase.len() as u128;
    for (_, slot) in phrase {
        if slot.id >= 1 << BITS {
            return None;
        }
        id = id << BITS | u128::from(slot.id);
    }
    Some(id)
}

/// The rendering the candidate of all of `phrase`'s words (two or more) is
/// a near-miss of, if any.
fn phrase_near(
    ctx: &Context<'_>,
    phrase: &[(Token, Slot)],
    index: &FuzzyIndex,
    memo: &mut Memo,
    key: &mut String,
) -> Option<NearHit> {
    let words = phrase.len();
    // The phrase's skeleton is its words' skeletons joined by spaces
    // (`skeleton` never looks across a space), so its length is known
    // before the phrase is looked up.
    let mut length = words - 1;
    for (token, slot) in phrase {
        memo.fold_later(ctx.text, index, token, slot.id);
    }
    key.clear();
    for (n, (_, slot)) in phrase.iter().enumerate() {
        let w = &memo.words[slot.id as usize];
        if n > 0 {
            key.push(' ');
        }
        key.push_str(memo.key(w));
        length += w.skeleton_len as usize;
    }
    if !index.may_be_near(length, words) {
        return None;
    }
    let latin = phrase
        .iter()
        .all(|(_, slot)| memo.words[slot.id as usize].latin);
    memo.probe.set(index, key, latin);
    let capitalised = phrase[0].0.capitalised;
    let hit = candidate(ctx, index, key, &memo.probe, words, capitalised)?;
    cased_alike(ctx, phrase, hit).then_some(hit)
}

/// Whether every word the rendering of `hit` capitalises is capitalised in
/// `phrase` too (or the phrase is in capitals): "Ai cày" (who plows) in
/// Vietnamese prose is no misspelt "Ai Cập" (Egypt). A name misspelt and
/// miscased at once is rare; `case` reports a name that is only miscased.
fn cased_alike(ctx: &Context<'_>, phrase: &[(Token, Slot)], hit: NearHit) -> bool {
    let rendering = &ctx.glossary.terms[hit.term].renderings[hit.rendering];
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let first = phrase[0].0.range.start;
    let last = phrase[phrase.len() - 1].0.range.end;
    if super::context::is_all_capitals(&ctx.text[first..last]) {
        return true;
    }
    let words: Vec<&str> = rendering.text.split_whitespace().collect();
    words.len() != phrase.len()
        || words
            .iter()
            .zip(phrase)
            .all(|(w, (token, _))| !starts_upper(w) || starts_upper(&ctx.text[token.range.clone()]))
}

/// The rendering of [`INFLECTED_NAME`] letters or more a word is a
/// near-miss of once an ending of the document's language is taken off
/// ("Казакстана" is "Казакстан" and "-а", two edits from "Казахстан" as a
/// whole but one as a stem), the stem also given back the final vowel the
/// ending replaced ("Узбекистона", "Таджикистаном"). Not in English.
/// `probe` is left holding something else.
fn inflected(
    ctx: &Context<'_>,
    index: &FuzzyIndex,
    (key, latin): (&str, bool),
    probe: &mut Probe,
    capitalised: bool,
) -> Option<NearHit> {
    // English endings follow an apostrophe, which ends the word already
    // ("Kazakstan's"); its demonym endings make other names look near
    // ("Ben-oni" for "Benin" and "-i").
    if ctx.language.primary() == "en" {
        return None;
    }
    let rules = index.inflection()?;
    let chars: Vec<(usize, char)> = key.char_indices().collect();
    let mut stem_key = String::new();
    for k in 1..rules.longest_ending().min(chars.len()) {
        let at = chars[chars.len() - k].0;
        let (stem, ending) = key.split_at(at);
        // A stem of 4 letters or fewer allows no edit anyway.
        if chars.len() - k < 5 {
            break;
        }
        if !rules.accepts(stem, ending) {
            continue;
        }
        for restored in std::iter::once(None).chain(rules.final_letters().iter().copied().map(Some))
        {
            stem_key.clear();
            stem_key.push_str(stem);
            stem_key.extend(restored);
            probe.set(index, &stem_key, latin);
            // Only long names: an ending makes many other names look near
            // a short one ("Малахию", Malachi, is no misspelt "Малавию").
            let found = candidate(ctx, index, &stem_key, probe, 1, capitalised)
                .filter(|hit| hit.letters >= INFLECTED_NAME);
            if let Some(hit) = found {
                return Some(NearHit {
                    ending: u8::try_from(k).unwrap_or(u8::MAX),
                    restored: restored.is_some(),
                    ..hit
                });
            }
        }
    }
    None
}

/// The fewest letters (skeleton characters) of a rendering that an
/// inflected misspelling is looked for: "Казахстан", "Узбекистан".
const INFLECTED_NAME: usize = 7;

/// Names longer than this many letters (skeleton characters) are
/// reported one edit away even when the dictionary knows the candidate as
/// a name ("Kazakhstan" → "Kazakstan" would be, were it in one).
const LONG_NAME: usize = 8;

/// Whether a near `hit` on one word the dictionary classifies as `known`
/// is worth reporting. Ordinary words of the document's language never
/// are (unless the term asks: `near-miss-words`); names the dictionary
/// knows ("Cyrus", "Assyria", "Ismael") only one edit from a long name of
/// the document's own language; never one compared with a rendering of
/// the default language, which the language's own word for the place
/// ("Kazakistan" in Turkish) is bound to be close to.
fn keeps(ctx: &Context<'_>, hit: NearHit, known: Known) -> bool {
    let term = &ctx.glossary.terms[hit.term];
    if term.near_miss_words || known == Known::No {
        return true;
    }
    if known == Known::Word {
        return false;
    }
    let rendering = &term.renderings[hit.rendering];
    rendering.language.fit(ctx.language).is_some() && hit.distance == 1 && hit.letters > LONG_NAME
}

/// The rendering a candidate of `words` words with folded `key` (in
/// `probe`) is a near-miss of, if any.
fn candidate(
    ctx: &Context<'_>,
    index: &FuzzyIndex,
    key: &str,
    probe: &Probe,
    words: usize,
    capitalised: bool,
) -> Option<NearHit> {
    // Looked up first: most candidates are near nothing, and a word ruled
    // out by its characters is not looked up at all (`Probe::set`).
    let hit = index.lookup_probe(probe, words, capitalised)?;
    let ignored = &ctx.glossary.near_miss_ignore;
    let known = index.is_listed(key) || (!ignored.is_empty() && ignored.contains(key));
    (!known).then_some(hit)
}

/// What near-miss knows about one spelling of a word.
struct Word {
    /// Where the folded word is in `Memo::keys`.
    key: Range<usize>,
    /// The length of the folded word's `fuzzy::skeleton`.
    skeleton_len: u32,
    /// Written in Latin letters (`fuzzy::is_latin`).
    latin: bool,
    /// `key`, `skeleton_len` and `latin` are set: a word ruled out by its
    /// characters as written is folded only if a phrase asks.
    folded: bool,
    /// The word alone as a candidate: the rendering it is a near-miss of.
    alone: Option<NearHit>,
    /// The renderings that start with small words whose first capitalised
    /// word this may be (`FuzzyIndex::plausible_starts`); 0 if it is not
    /// capitalised.
    anchors: u64,
}

impl Word {
    /// The entry of a word ruled out by its characters as written: near
    /// nothing, starting nothing, folded when a phrase asks
    /// ([`Memo::fold_later`]).
    const UNFOLDED: Word = Word {
        key: 0..0,
        skeleton_len: 0,
        latin: false,
        folded: false,
        alone: None,
        anchors: 0,
    };
}

/// A word's place in [`Memo::words`], and what is needed to rule most words
/// out without reading their entry.
#[derive(Clone, Copy)]
struct Slot {
    id: u32,
    /// The candidate lengths worth a look when the word starts one: bit
    /// `n - 1` for `n` words (`FuzzyIndex::plausible_starts`; bit 0 if it
    /// is a near-miss alone), only those the index's lowercase renderings
    /// start if the word is lowercase.
    lengths: u8,
    /// The word may be the first capitalised word of a rendering that
    /// starts with small words (`Word::anchors`). A flag, not the bits: a
    /// slot is copied for every word read, and stays 8 bytes.
    anchored: bool,
}

/// The words seen by one thread in one document language, by exact
/// spelling: prose repeats its capitalised words ("The", "And", a name) in
/// every document, and folding a word, computing its deletion variants and
/// probing the index with them is most of what near-miss does with it. The
/// memo is per thread so that it survives from one document to the next.
#[derive(Default)]
struct Memo {
    /// Spellings of up to 15 bytes, packed into the key itself ([`pack`]):
    /// most words, looked up without following a pointer.
    short: HashMap<u128, Slot, BuildHasherDefault<WordHasher>>,
    /// Spellings of 16 to 31 bytes, packed into two numbers: most words of
    /// scripts written in two or three bytes a letter (Cyrillic, Bengali,
    /// Japanese), which as boxed strings cost an allocation each and a
    /// pointer to follow on every lookup.
    medium: HashMap<(u128, u128), Slot, BuildHasherDefault<WordHasher>>,
    long: HashMap<Box<str>, Slot, BuildHasherDefault<WordHasher>>,
    words: Vec<Word>,
    /// The words' folded keys, one after the other: one allocation for
    /// all of them instead of one each.
    keys: String,
    /// What each phrase of two or more words looked up is near, by the
    /// ids of its words ([`phrase_id`]).
    phrases: HashMap<u128, Option<NearHit>, BuildHasherDefault<WordHasher>>,
    /// Scratch space for looking candidates up.
    probe: Probe,
}

impl Memo {
    /// Entries kept before the memo starts over, bounding its memory
    /// (about 100 bytes an entry). A language's vocabulary in a large
    /// corpus is tens of thousands of spellings; a memo that starts over
    /// more often looks its rarer words up again and again.
    const LIMIT: usize = 1 << 16;
    /// Bytes of keys kept before the memo starts over: a text of a few
    /// huge words must not be kept whole.
    const KEY_BYTES: usize = 1 << 24;

    /// Runs `f` with this thread's memo for `index`. A thread keeps a memo
    /// per document language, but no more than `LIMIT` entries in all of
    /// them when `f` starts: the memos of languages it has moved on from
    /// are emptied first. That bounds a thread's memos at twice `LIMIT`
    /// entries however many languages a run sees.
    fn with<R>(index: &FuzzyIndex, f: impl FnOnce(&mut Memo) -> R) -> R {
        thread_local! {
            static MEMOS: RefCell<Vec<(u64, Memo)>> = const { RefCell::new(Vec::new()) };
        }
        MEMOS.with(|memos| {
            let mut memos = memos.borrow_mut();
            let at = match memos.iter().position(|(id, _)| *id == index.id()) {
                Some(at) => at,
                None => {
                    // A thread sees a few document languages; an index it
                    // no longer sees (a finished run) is not kept forever.
                    if memos.len() >= 64 {
                        memos.clear();
                    }
                    memos.push((index.id(), Memo::default()));
                    memos.len() - 1
                }
            };
            let total: usize = memos.iter().map(|(_, m)| m.words.len()).sum();
            if total > Self::LIMIT {
                for (i, (_, memo)) in memos.iter_mut().enumerate() {
                    if i != at {
                        // Its memory too, not only its entries: `clear`
                        // keeps the tables' capacity.
                        *memo = Memo::default();
                    }
                }
            }
            f(&mut memos[at].1)
        })
    }

    /// Starts over if full, and says whether it did. Only between
    /// candidates: the entries of the words of one candidate stay valid
    /// while it is looked at.
    fn make_room(&mut self) -> bool {
        let full = self.words.len() >= Self::LIMIT
            || self.phrases.len() >= Self::LIMIT
            || self.keys.len() >= Self::KEY_BYTES;
        if full {
            self.clear();
        }
        full
    }

    fn clear(&mut self) {
        self.short.clear();
        self.medium.clear();
        self.long.clear();
        self.words.clear();
        self.keys.clear();
        self.phrases.clear();
    }

    /// The folded spelling of `word`.
    fn key(&self, word: &Word) -> &str {
        &self.keys[word.key.clone()]
    }

    /// The entry of the spelling at `range` of `text`, if there is one.
    fn get(&self, text: &str, range: Range<usize>) -> Option<Slot> {
        match range.len() {
            0..=15 => self.short.get(&pack(text, range)),
            16..=31 => self.medium.get(&pack_two(text, range)),
            _ => self.long.get(&text[range]),
        }
        .copied()
    }

    /// The entry of `token`'s spelling, made if new.
    /// `in_match`: the word starts a match, so it is a name as written and
    /// only the longer names it may start are looked for (and the
    /// dictionary is not asked about it).
    fn word(
        &mut self,
        ctx: &Context<'_>,
        index: &FuzzyIndex,
        token: &Token,
        in_match: bool,
    ) -> Slot {
        match self.get(ctx.text, token.range.clone()) {
            Some(slot) => slot,
            None => self.add(ctx, index, token, in_match),
        }
    }

    /// [`Self::word`] for a spelling not seen yet.
    fn add(
        &mut self,
        ctx: &Context<'_>,
        index: &FuzzyIndex,
        token: &Token,
        in_match: bool,
    ) -> Slot {
        let spelling = &ctx.text[token.range.clone()];
        // A word ruled out by its characters as written (most words of
        // Japanese text) starts nothing and is near nothing alone, unless
        // an ending could be stripped: it is neither folded nor made a
        // skeleton until a phrase asks (`fold_later`).
        let may_inflect = ctx.language.primary() != "en" && index.inflection().is_some();
        if !may_inflect && index.ruled_out_as_written(spelling) {
            return self.insert(ctx.text, token.range.clone(), Word::UNFOLDED, 0);
        }
        // Its skeleton's length is read before `inflected` sets the probe
        // to a stem.
        let (key, mut word) = self.fold(index, spelling);
        let latin = word.latin;
        // The dictionary is asked only about a word near a
        // rendering: a lookup costs microseconds.
        let wanted = !in_match && (token.capitalised || index.wants_lowercase(1));
        let (mut lengths, anchors) = index.plausible_starts(&self.probe, token.capitalised);
        let alone = if wanted {
            candidate(ctx, index, &key, &self.probe, 1, token.capitalised)
                .or_else(|| {
                    inflected(
                        ctx,
                        index,
                        (&key, latin),
                        &mut self.probe,
                        token.capitalised,
                    )
                })
                .filter(|hit| keeps(ctx, *hit, index.classify(spelling)))
        } else {
            None
        };
        lengths |= u8::from(alone.is_some());
        if !token.capitalised {
            lengths &= index.lowercase_starts();
        }
        word.alone = alone;
        word.anchors = anchors;
        self.insert(ctx.text, token.range.clone(), word, lengths)
    }

    /// Folds `spelling` into the probe and the keys: its folded key, and
    /// its entry, near nothing and starting nothing yet.
    fn fold(&mut self, index: &FuzzyIndex, spelling: &str) -> (String, Word) {
        let key = fold_word(spelling);
        let latin = is_latin(spelling);
        self.probe.set(index, &key, latin);
        let start = self.keys.len();
        self.keys.push_str(&key);
        let word = Word {
            key: start..self.keys.len(),
            skeleton_len: u32::try_from(self.probe.len()).unwrap_or(u32::MAX),
            latin,
            folded: true,
            alone: None,
            anchors: 0,
        };
        (key, word)
    }

    /// Adds the entry `word` of the spelling at `range` of `text`, whose
    /// candidate lengths are `lengths`; its slot.
    fn insert(&mut self, text: &str, range: Range<usize>, word: Word, lengths: u8) -> Slot {
        let slot = Slot {
            id: u32::try_from(self.words.len()).unwrap_or(u32::MAX),
            lengths,
            anchored: word.anchors != 0,
        };
        self.words.push(word);
        match range.len() {
            0..=15 => self.short.insert(pack(text, range), slot),
            16..=31 => self.medium.insert(pack_two(text, range), slot),
            _ => self.long.insert(text[range].into(), slot),
        };
        slot
    }

    /// Folds the word of entry `id` (spelt as `token`) if [`Self::add`]
    /// left it for later.
    fn fold_later(&mut self, text: &str, index: &FuzzyIndex, token: &Token, id: u32) {
        let word = &self.words[id as usize];
        if word.folded {
            return;
        }
        let (_, folded) = self.fold(index, &text[token.range.clone()]);
        let word = &mut self.words[id as usize];
        *word = Word {
            alone: word.alone,
            anchors: word.anchors,
            ..folded
        };
    }
}

/// The spelling at `range` of `text`, of up to 15 bytes, as one number:
/// its bytes, and its length in the top byte.
fn pack(text: &str, range: Range<usize>) -> u128 {
    let len = range.len();
    debug_assert!(len <= 15);
    let bytes = text.as_bytes();
    // Sixteen bytes read at once and the ones after the word masked off,
    // where the text goes on that far: no copy of a variable length.
    let word = match bytes.get(range.start..range.start + 16) {
        Some(window) => {
            let mut all = [0u8; 16];
            all.copy_from_slice(window);
            u128::from_le_bytes(all) & ((1u128 << (8 * len)) - 1)
        }
        None => {
            let mut packed = [0u8; 16];
            packed[..len].copy_from_slice(&bytes[range]);
            u128::from_le_bytes(packed)
        }
    };
    word | (len as u128) << 120
}

/// The spelling at `range` of `text`, of 16 to 31 bytes, as two numbers:
/// its first sixteen bytes, and the rest as [`pack`] makes them.
fn pack_two(text: &str, range: Range<usize>) -> (u128, u128) {
    debug_assert!((16..=31).contains(&range.len()));
    let mut first = [0u8; 16];
    first.copy_from_slice(&text.as_bytes()[range.start..range.start + 16]);
    (
        u128::from_le_bytes(first),
        pack(text, range.start + 16..range.end),
    )
}

fn report(ctx: &mut Context<'_>, span: Range<usize>, hit: NearHit) {
    let glossary = ctx.glossary;
    let term = &glossary.terms[hit.term];
    let close = &term.renderings[hit.rendering];
    let expected = match close.kind {
        RenderingKind::Preferred | RenderingKind::Accepted => Some(close.text.clone()),
        RenderingKind::Forbidden | RenderingKind::Form => {
            term.preferred(ctx.language).map(|r| r.text.clone())
        }
    };
    // An inflected misspelling is replaced by the rendering with the same
    // ending, less the final letter the ending replaces.
    let expected = expected.map(|text| {
        if hit.ending == 0 {
            return text;
        }
        let found = &ctx.text[span.clone()];
        let ending: String = {
            let chars: Vec<char> = found.chars().collect();
            chars[chars.len().saturating_sub(usize::from(hit.ending))..]
                .iter()
                .collect()
        };
        let mut stem = text;
        if hit.restored {
            stem.pop();
        }
        stem + &ending
    });
    let how = match hit.distance {
        0 if joined_otherwise(&ctx.text[span.clone()], &close.text) => {
            "the same letters, hyphenated or spaced otherwise".to_owned()
        }
        0 => "a transliteration variant".to_owned(),
        1 => "1 edit away".to_owned(),
        n => format!("{n} edits away"),
    };
    let message = format!(
        "\"{}\" is not in the glossary but is close to \"{}\", a rendering of {} ({}): {how}",
        oneline(&ctx.text[span.clone()]),
        close.text,
        ctx.name_of(term),
        term.category.as_str()
    );
    let fix = expected.clone().map(|replacement| Fix {
        replacement: replacement.into(),
        applicability: Applicability::Unsafe,
    });
    ctx.report_expecting(Rule::NearMiss, span, term, expected, message, fix);
}

/// Whether `found` and `rendering` differ only in hyphens, apostrophes and
/// spaces ("Indo-nesien", a word broken at a line's end, for
/// "Indonesien"): no transliteration told them apart.
fn joined_otherwise(found: &str, rendering: &str) -> bool {
    let letters = |s: &str| -> String {
        fold_key(s)
            .chars()
            .filter(|c| !matches!(c, '-' | '\'' | ' '))
            .collect()
    };
    letters(found) == letters(rendering)
}

/// The words of one segment, in order. A word runs over letters, digits and
/// marks, over invisible characters, and over a hyphen or apostrophe between
/// letters ("Birlestik-2024", "Oʻzbekiston") — but an apostrophe that starts
/// an ending of the language ("Astana'da", "Aliev's") ends the word.
struct Words<'t> {
    /// The segment's text; ranges are offset by `base`.
    text: &'t str,
    base: usize,
    at: usize,
    inflection: Option<&'t Inflection>,
    word_chars: WordChars,
}

impl<'t> Words<'t> {
    fn new(text: &'t str, segment: Range<usize>, inflection: Option<&'t Inflection>) -> Self {
        Words {
            base: segment.start,
            text: &text[segment],
            at: 0,
            inflection,
            word_chars: WordChars::new(),
        }
    }

    /// Passes over the words ahead that start with a small letter, noting
    /// them in `recent`: what the pass does with a word that is not
    /// capitalised when only capitalised words start candidates, for most
    /// words of a text in Latin letters, without making a [`Token`] of
    /// each. It stops before any other word, for [`Self::next_word`].
    ///
    /// It looks for the next byte that may start or carry on a word other
    /// than one of small ASCII letters ([`may_stop_small`]: a capital, a
    /// digit, a connector, a byte beyond ASCII), eight bytes at a time,
    /// and not for each word's start and end: before that byte there are
    /// only small ASCII letters and characters that end words, so every
    /// run of letters is a small word, and such a stretch is noted in
    /// `recent` whole (where its words start is found only if asked).
    /// From that byte on, a word is read as `next_word` reads it.
    #[inline(always)]
    fn skip_small(&mut self, mut recent: Option<&mut Recent>) {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            let stop = small_run_end(bytes, at);
            let next = bytes.get(stop).copied();
            // A small word that the byte at `stop` may carry on: its start.
            let mut plain = stop;
            if next.is_some() {
                plain = back_over(bytes, at..plain, true);
            }
            if let Some(recent) = recent.as_deref_mut() {
                // Back over what ends the stretch's last word (a space
                // before a capital, most often), to see whether it holds one.
                let mut last = plain;
                last = back_over(bytes, at..last, false);
                if last > at {
                    recent.push_small(self.base + at..self.base + last);
                }
            }
            let Some(b) = next else {
                at = stop;
                break;
            };
            let mut apostrophe = false;
            if plain < stop {
                if let Some(recent) = recent.as_deref_mut() {
                    recent.push(self.base + plain);
                }
                at = self.word_end(stop, &mut apostrophe);
                continue;
            }
            at = stop;
            if b.is_ascii() {
                if is_ascii_word(b) {
                    // A capital, a digit or `_` starts the word.
                    break;
                }
                at += 1;
                continue;
            }
            let (first, len) = code_at(bytes, at);
            if !self.word_chars.contains(first) {
                at += len;
                continue;
            }
            if !is_lowercase(first) {
                break;
            }
            if let Some(recent) = recent.as_deref_mut() {
                recent.push(self.base + at);
            }
            at = self.word_end(at + len, &mut apostrophe);
        }
        self.at = at;
    }

    /// The end of the word whose characters so far end at `end`: it goes
    /// on over word characters, invisible ones, and a connector before a
    /// word character. `apostrophe` is set if a character it goes on over
    /// may be an apostrophe (`may_start_apostrophe`).
    #[inline(always)]
    fn word_end(&self, mut end: usize, apostrophe: &mut bool) -> usize {
        let bytes = self.text.as_bytes();
        let len_all = bytes.len();
        'word: while end < len_all {
            // ASCII letters and digits eight at a time; not worth it in a
            // word of another script, nor before the space that ends most
            // words.
            if is_ascii_word(bytes[end]) {
                end = ascii_word_end(bytes, end);
            }
            let Some(&b) = bytes.get(end) else {
                break;
            };
            // A space or a stop ends the word, as most words end: no other
            // ASCII character is a connector or invisible.
            if b.is_ascii() && !matches!(b, b'-' | b'\'' | b'`') {
                break;
            }
            // Characters beyond ASCII one after the other (a word in
            // another script), without looking for ASCII letters before
            // each.
            loop {
                let (code, len) = code_at(bytes, end);
                let continues = self.word_chars.contains(code) || {
                    let c = char::from_u32(code).unwrap_or('\u{FFFD}');
                    is_invisible(c)
                        || (is_connector(c)
                            && end + len < len_all
                            && self.word_chars.contains(code_at(bytes, end + len).0))
                };
                if !continues {
                    break 'word;
                }
                *apostrophe |= may_start_apostrophe(bytes[end]);
                end += len;
                if bytes.get(end).is_none_or(u8::is_ascii) {
                    break;
                }
            }
        }
        end
    }

    /// The next word, its range in the whole text.
    // Kept whole: the tokeniser of the hot loop, inlined into it; its ASCII and beyond-ASCII paths
    // share the word's start and end.
    // Inlined: returned through memory, a word cost a store-forwarding
    // stall where the pass reads it back (4% of a near-miss run).
    #[inline(always)]
    fn next_word(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        let len_all = bytes.len();
        while self.at < len_all {
            // Plain ASCII between words, without decoding.
            let b = bytes[self.at];
            if b.is_ascii() && !is_ascii_word(b) {
                self.at += 1;
                continue;
            }
            let (first, len) = code_at(bytes, self.at);
            if !self.word_chars.contains(first) {
                self.at += len;
                continue;
            }
            let start = self.at;
            // An ending is stripped only after an apostrophe: a word
            // without one (most words, in every script) is not looked at
            // again.
            let mut apostrophe = may_start_apostrophe(b);
            let end = self.word_end(start + len, &mut apostrophe);
            self.at = end;
            let end = if apostrophe {
                strip_ending(&text[start..end], self.inflection).map_or(end, |stem| start + stem)
            } else {
                end
            };
            return Some(Token {
                range: self.base + start..self.base + end,
                capitalised: !is_lowercase(first),
            });
        }
        None
    }
}

/// A table of `test` for every byte value `c`, built at compile time.
macro_rules! byte_table {
    ($c:ident => $test:expr) => {{
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let $c = b as u8;
            table[b] = $test;
            b += 1;
        }
        table
    }};
}

/// An ASCII letter, digit or underscore: what `is_word_char` says of ASCII.
/// From a table: one load instead of three range tests for every byte of
/// every word.
#[inline(always)]
fn is_ascii_word(b: u8) -> bool {
    const TABLE: [bool; 256] = byte_table!(c => c.is_ascii_alphanumeric() || c == b'_');
    TABLE[usize::from(b)]
}

/// Eight bytes of `bytes` from `at`, the first in the lowest byte, if
/// there are eight.
#[inline(always)]
fn eight_at(bytes: &[u8], at: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

const LOW_BITS: u64 = u64::from_ne_bytes([0x7F; 8]);
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Each byte of `x` with its top bit cleared compared with `lo..=hi` (all
/// below 0x80): the top bit of each byte of the result says whether it is
/// in the range. Sums of bytes below 0x80 carry into no other byte.
#[inline(always)]
fn bytes_within(x: u64, lo: u8, hi: u8) -> u64 {
    let x = x & LOW_BITS;
    let at_least = x + u64::from_ne_bytes([0x80 - lo; 8]);
    let above = x + u64::from_ne_bytes([0x7F - hi; 8]);
    at_least & !above & HIGH_BITS
}

/// Each byte of `x` with its top bit cleared compared with `b` (below
/// 0x80): the top bit of each byte of the result says whether it is `b`.
#[inline(always)]
fn bytes_equal(x: u64, b: u8) -> u64 {
    let d = (x & LOW_BITS) ^ u64::from_ne_bytes([b; 8]);
    // Top bit set where a byte of `d` is not 0 (no carry out of a byte),
    // and turned over.
    !(((d & LOW_BITS) + LOW_BITS) | d) & HIGH_BITS
}

/// The top bit of each byte of `x` set if the byte is an ASCII letter,
/// digit or underscore ([`is_ascii_word`]), eight bytes at once: no branch
/// a byte, so the end of a word costs no mispredicted jump.
#[inline(always)]
fn ascii_word_bytes(x: u64) -> u64 {
    let letters = bytes_within(x | u64::from_ne_bytes([0x20; 8]), b'a', b'z');
    let digits = bytes_within(x, b'0', b'9');
    (letters | digits | bytes_equal(x, b'_')) & !(x & HIGH_BITS)
}

/// The first byte at or after `at` that is not an ASCII letter, digit or
/// underscore (`bytes.len()` if none).
#[inline(always)]
fn ascii_word_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(x) = eight_at(bytes, at) {
        let other = !ascii_word_bytes(x) & HIGH_BITS;
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && is_ascii_word(bytes[at]) {
        at += 1;
    }
    at
}

/// The first byte at or after `at` that is an ASCII letter, digit or
/// underscore or not ASCII (`bytes.len()` if none): the end of what
/// separates two words in plain ASCII.
#[inline(always)]
fn ascii_gap_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(x) = eight_at(bytes, at) {
        let other = (ascii_word_bytes(x) | x) & HIGH_BITS;
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && bytes[at].is_ascii() && !is_ascii_word(bytes[at]) {
        at += 1;
    }
    at
}

/// The start of the run of bytes at the end of `bytes[within]` that are
/// small ASCII letters (`small`) or are not: where a stretch of small
/// ASCII words and what ends them is read backwards.
#[inline(always)]
fn back_over(bytes: &[u8], within: Range<usize>, small: bool) -> usize {
    let mut at = within.end;
    while at > within.start && bytes[at - 1].is_ascii_lowercase() == small {
        at -= 1;
    }
    at
}

/// Whether byte `b` may start or carry on a word other than one of small
/// ASCII letters followed by a character that ends it: a capital, a digit,
/// `_`, a connector (`-`, `'`, `` ` ``) or a byte beyond ASCII. A few
/// characters that do neither (`[`, `\\`, `]`, `^`) are said to as well:
/// one range test for `A` to `` ` ``, and [`Words::skip_small`] is only
/// the slower for them.
#[inline(always)]
fn may_stop_small(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'A'..=b'`' | b'-' | b'\'') || !b.is_ascii()
}

/// The top bit of each byte of `x` set if [`may_stop_small`] says so of
/// it, eight bytes at once.
#[inline(always)]
fn may_stop_small_bytes(x: u64) -> u64 {
    bytes_within(x, b'0', b'9')
        | bytes_within(x, b'A', b'`')
        | bytes_equal(x, b'-')
        | bytes_equal(x, b'\'')
        | (x & HIGH_BITS)
}

/// The first byte at or after `at` of which [`may_stop_small`] says so
/// (`bytes.len()` if none).
#[inline(always)]
fn small_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(x) = eight_at(bytes, at) {
        let stop = may_stop_small_bytes(x);
        if stop != 0 {
            return at + (stop.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && !may_stop_small(bytes[at]) {
        at += 1;
    }
    at
}

/// The character that starts at byte `at` of `text`, and its length.
fn char_at(text: &str, at: usize) -> (char, usize) {
    let (code, len) = code_at(text.as_bytes(), at);
    (char::from_u32(code).unwrap_or('\u{FFFD}'), len)
}

/// The code point of the character of valid UTF-8 that starts at byte `at`
/// of `bytes`, and its length. Decoded here rather than by `str::chars`,
/// whose slice of the text checks the boundary first, and not made a
/// `char`, which checks the number: asked for every character beyond ASCII
/// of every word (a tenth of near-miss's instructions on Persian).
#[inline(always)]
fn code_at(bytes: &[u8], at: usize) -> (u32, usize) {
    let b = bytes[at];
    if b.is_ascii() {
        return (u32::from(b), 1);
    }
    // A first byte of valid UTF-8 says how many follow, and which of its
    // bits are the character's.
    let next = |k: usize| u32::from(bytes.get(at + k).copied().unwrap_or(0) & 0x3F);
    match b {
        0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | next(1), 2),
        0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (next(1) << 6) | next(2), 3),
        _ => (
            (u32::from(b & 0x07) << 18) | (next(1) << 12) | (next(2) << 6) | next(3),
            4,
        ),
    }
}

/// Whether the character `code` is a small letter (`char::is_lowercase`),
/// told without that table search for the letters of most words: ASCII,
/// the basic Cyrillic alphabet, and the blocks of scripts without case
/// (Arabic to Tibetan, CJK, Hangul).
#[inline(always)]
fn is_lowercase(code: u32) -> bool {
    if code < 0x80 {
        return (0x61..=0x7A).contains(&code);
    }
    if matches!(code, 0x0600..=0x0FFF | 0x3040..=0x9FFF | 0xAC00..=0xD7A3) {
        return false;
    }
    if (0x0400..=0x045F).contains(&code) {
        return code >= 0x0430;
    }
    char::from_u32(code).is_some_and(char::is_lowercase)
}

/// A word folded as `fold_key` folds it, cheaply for plain ASCII.
fn fold_word(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        word.to_ascii_lowercase()
    } else {
        fold_key(word)
    }
}

fn is_connector(c: char) -> bool {
    matches!(c, '-' | '\'' | '`') || typographic(c).is_some_and(|t| t != '"')
}

/// A connector other than the hyphen: what an ending follows.
fn is_apostrophe(c: char) -> bool {
    c != '-' && is_connector(c)
}

/// Whether a character whose UTF-8 starts with byte `b` may be an
/// apostrophe ([`is_apostrophe`]): one byte for each character of every
/// word, where deciding from the character took ten instructions.
/// [`strip_ending`] finds the apostrophe itself.
#[inline(always)]
fn may_start_apostrophe(b: u8) -> bool {
    // From a table, as `is_ascii_word`: one load.
    const TABLE: [bool; 256] =
        byte_table!(c => matches!(c, b'\'' | b'`' | 0xC2 | 0xCA | 0xE2 | 0xEF));
    TABLE[usize::from(b)]
}

/// The length of `word` without an ending that follows an apostrophe.
fn strip_ending(word: &str, inflection: Option<&Inflection>) -> Option<usize> {
    let rules = inflection?;
    let (at, _) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    let stem = fold_key(&word[..at]);
    let ending = fold_key(&word[at..]);
    rules.accepts(&stem, &ending).then_some(at)
}

#[cfg(test)]
mod tests {
    use crate::matcher::fuzzy::MAX_WORDS;
    use crate::rules::tests::{assert_finds, assert_finds_in, assert_silent};
    use std::ops::Range;

    #[test]
    fn characters_decode_as_str_decodes_them() {
        let all: String = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .collect();
        for (at, c) in all.char_indices() {
            assert_eq!(super::char_at(&all, at), (c, c.len_utf8()), "at {at}");
        }
    }

    #[test]
    fn small_letters_are_those_unicode_calls_lowercase() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(
                super::is_lowercase(u32::from(c)),
                c.is_lowercase(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn apostrophes_are_the_connectors_other_than_the_hyphen() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let connector = super::is_connector(c) && c != '-';
            assert_eq!(super::is_apostrophe(c), connector, "U+{:04X}", u32::from(c));
            let mut utf8 = [0; 4];
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(
                !connector || super::may_start_apostrophe(first),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn the_word_ends_read_eight_bytes_at_once_agree_with_byte_by_byte() {
        use super::{ascii_gap_end, ascii_word_end, is_ascii_word};
        // Every byte value at every place of an eight-byte read, and runs
        // across the reads' edges.
        let mut texts: Vec<Vec<u8>> = (0..=255u8)
            .flat_map(|b| (0..10).map(move |k| [&b"abcdefghij"[..k], &[b], b"xyz _ Q9"].concat()))
            .collect();
        texts.push(b"the  quick,brown_fox--jumps over\tthe lazy dog's 1999 back".to_vec());
        texts.push("zażółć gęślą jaźń \u{2019}s don't".as_bytes().to_vec());
        for text in &texts {
            for at in 0..=text.len() {
                let mut word = at;
                while word < text.len() && is_ascii_word(text[word]) {
                    word += 1;
                }
                let mut gap = at;
                while gap < text.len() && text[gap].is_ascii() && !is_ascii_word(text[gap]) {
                    gap += 1;
                }
                let mut small = at;
                while small < text.len() && !super::may_stop_small(text[small]) {
                    small += 1;
                }
                assert_eq!(ascii_word_end(text, at), word, "{text:?} at {at}");
                assert_eq!(ascii_gap_end(text, at), gap, "{text:?} at {at}");
                assert_eq!(super::small_run_end(text, at), small, "{text:?} at {at}");
            }
        }
    }

    /// What the pass reads of `text` where only capitalised words start
    /// candidates: each other word, and where the words before it start.
    /// `skip`: small words passed over by `skip_small`, not read one by one.
    fn read_by_capitals(text: &str, skip: bool) -> Vec<(Range<usize>, Vec<Option<usize>>)> {
        use super::{Recent, Words};
        let mut words = Words::new(text, 0..text.len(), None);
        let mut recent = Recent::default();
        let mut read = Vec::new();
        loop {
            if skip {
                words.skip_small(Some(&mut recent));
            }
            let Some(token) = words.next_word() else {
                break;
            };
            if token.capitalised {
                let before = (1..MAX_WORDS)
                    .map(|back| recent.start(text, back))
                    .collect();
                read.push((token.range.clone(), before));
            }
            recent.push(token.range.start);
        }
        read
    }

    #[test]
    fn small_words_passed_over_leave_what_reading_them_leaves() {
        for text in [
            "",
            "the quick brown fox",
            "the State of Palestine, and the Gambia: in the (dark) night",
            "mcDonald's iPhone abc1 x_y don't anti-Israel rock`n`roll [a]b^c\\d",
            "zażółć gęślą jaźń: «Oʻzbekiston» 'Astana'da — Қазақстан. ÄÄÄ Ä",
            "e\u{301}cole\u{200B}x naïve Noël 12 345 abcdefghijklmnopq Z",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z A",
        ] {
            assert_eq!(
                read_by_capitals(text, true),
                read_by_capitals(text, false),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        // Each case takes microseconds; five small words in a row before
        // a capital, which the last starts need, come up in one in a few
        // hundred.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8192))]
        #[test]
        fn small_words_passed_over_leave_what_reading_them_leaves_anywhere(
            pieces in proptest::collection::vec(0usize..36, 0..64),
        ) {
            // Small letters and what ends them, and each kind of byte
            // that stops the pass: capitals, digits, connectors, bytes
            // beyond ASCII (letters small and capital, invisible ones,
            // punctuation), and ASCII said to stop it that need not.
            // Small words and spaces most, as in prose.
            const PIECES: [&str; 36] = [
                "a", "b", "z", "q", "ab ", "the ", "of ", "and ", " ", " ", " ", " ", ".",
                ",", "\t", "Q", "É", "é", "1", "_", "-", "'", "`", "[", "^", "ß",
                "\u{AD}", "\u{2019}", "д", "«", "Pa", "X", "\u{2BB}", "\u{301}", "\u{A0}",
                "ı",
            ];
            let text: String = pieces.iter().map(|&k| PIECES[k]).collect();
            proptest::prop_assert_eq!(
                read_by_capitals(&text, true),
                read_by_capitals(&text, false),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn word_runs_are_the_pieces_between_other_characters() {
        use crate::matcher::boundary::is_word_char;
        for text in [
            "",
            "a",
            "  the quick,brown_fox--jumps over\tthe lazy dog's 1999 back  ",
            "zażółć gęślą jaźń: «Oʻzbekiston» 'Astana'da — Қазақстан.",
            "主に近づく祭司たちもまた、その身をきよめなければならない。",
            "e\u{301}cole\u{200B}x 12345678901234567890 abcdefghijklmnopqrstuvwxyz",
            "ÄÄÄÄÄÄÄÄÄ...bbbbbbbbbbbbbbbbbbb\u{00A0}ccccccc",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                super::word_runs(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn the_ascii_shortcuts_of_the_word_reader_agree_with_the_full_tests() {
        use crate::matcher::boundary::is_word_char;
        use crate::normalize::is_invisible;
        for b in 0..128u8 {
            let c = char::from(b);
            assert_eq!(super::is_ascii_word(b), is_word_char(c), "{c:?}");
            if !is_word_char(c) {
                let goes_on = super::is_connector(c) || is_invisible(c);
                assert_eq!(goes_on, matches!(b, b'-' | b'\'' | b'`'), "{c:?}");
            }
        }
        for b in 128..=255u8 {
            assert!(!super::is_ascii_word(b));
        }
    }

    const G: &str = r#"
[[term]]
id = "birlestik-2024"
category = "event"
en = "Birlestik-2024"
[[term]]
id = "ilham-aliyev"
category = "person"
en = "Ilham Aliyev"
[[term]]
id = "kurmangazy"
category = "person"
en = "Kurmangazy"
[[term]]
id = "baku"
category = "place"
en = "Baku"
az = "Bakı"
[[term]]
id = "kars"
category = "place"
en = "Kars"
[[term]]
id = "astana"
category = "place"
ru = "Астана"
"#;

    #[test]
    fn misspelt_event_is_one_edit_away() {
        assert_finds(G, "the exercises “Birlistik-2024” were held", "near-miss", &[(
            "Birlistik-2024",
            "\"Birlistik-2024\" is not in the glossary but is close to \"Birlestik-2024\", a rendering of Birlestik-2024 (event): 1 edit away",
        )]);
    }

    #[test]
    fn transliteration_variants_of_names() {
        assert_finds(G, "President Ilham Aliev and the Kurmangazi centre", "near-miss", &[
            (
                "Ilham Aliev",
                "\"Ilham Aliev\" is not in the glossary but is close to \"Ilham Aliyev\", a rendering of Ilham Aliyev (person): a transliteration variant",
            ),
            (
                "Kurmangazi",
                "\"Kurmangazi\" is not in the glossary but is close to \"Kurmangazy\", a rendering of Kurmangazy (person): a transliteration variant",
            ),
        ]);
    }

    /// A name broken by a hyphen (at a line's end, in a print layout) is
    /// the same letters, not a transliteration.
    #[test]
    fn a_name_hyphenated_otherwise_is_said_to_be() {
        let g = "[[term]]\nid = \"id\"\ncategory = \"place\"\nde = \"Indonesien\"\n";
        assert_finds_in("de", g, "Fliegen Sie nach Indo-nesien.", "near-miss", &[(
            "Indo-nesien",
            "\"Indo-nesien\" is not in the glossary but is close to \"Indonesien\", a rendering of Indonesien (place): the same letters, hyphenated or spaced otherwise",
        )]);
    }

    #[test]
    fn ordinary_words_inflections_and_lower_case_stay_silent() {
        assert_silent(
            G,
            "Back in Baku, the cars of Kars and Baku's port. Bake it. Birlestik-2024's plan.",
        );
        assert_finds_in("ru", G, "в Астане и Астаны", "near-miss", &[]);
    }

    #[test]
    fn an_inflected_misspelling_of_a_long_name_is_found_and_keeps_its_ending() {
        let g = "[[term]]\nid = \"kz\"\ncategory = \"place\"\nru = \"Казахстан\"\n\
                 [[term]]\nid = \"uz\"\ncategory = \"place\"\nru = \"Узбекистан\"\n";
        let text = "Президент Казакстана прибыл из Узбекистона.";
        assert_finds_in(
            "ru",
            g,
            text,
            "near-miss",
            &[
                (
                    "Казакстана",
                    "\"Казакстана\" is not in the glossary but is close to \"Казахстан\", a rendering of Казахстан (place): 1 edit away",
                ),
                (
                    "Узбекистона",
                    "\"Узбекистона\" is not in the glossary but is close to \"Узбекистан\", a rendering of Узбекистан (place): 1 edit away",
                ),
            ],
        );
        assert_eq!(
            crate::rules::tests::fixes("ru", g, text, "near-miss"),
            ["Казахстана", "Узбекистана"]
        );
        assert_finds_in("az", G, "Bakıda və Bakı'da", "near-miss", &[]);
    }

    #[test]
    fn an_ending_after_an_apostrophe_is_not_part_of_the_candidate() {
        // A typographic apostrophe, outside ASCII, ends the word the same.
        assert_finds(G, "Kurmangazi\u{2019}s works", "near-miss", &[(
            "Kurmangazi",
            "\"Kurmangazi\" is not in the glossary but is close to \"Kurmangazy\", a rendering of Kurmangazy (person): a transliteration variant",
        )]);
        assert_finds(G, "Kurmangazi's works", "near-miss", &[(
            "Kurmangazi",
            "\"Kurmangazi\" is not in the glossary but is close to \"Kurmangazy\", a rendering of Kurmangazy (person): a transliteration variant",
        )]);
    }

    #[test]
    fn ordinary_words_are_reported_only_for_terms_that_ask() {
        let g = "[[term]]\nid = \"paris\"\ncategory = \"place\"\nen = \"Paris\"\n";
        assert_silent(g, "Parish records were kept.");
        let asks = format!("{g}near-miss-words = true\n");
        assert_finds(&asks, "Parish records were kept.", "near-miss", &[(
            "Parish",
            "\"Parish\" is not in the glossary but is close to \"Paris\", a rendering of Paris (place): 1 edit away",
        )]);
    }

    #[test]
    fn a_phrase_seen_before_is_reported_again_and_so_is_its_absence() {
        // The second "Ilham Aliev" and "Ilham said" come from the phrase
        // memo; the words after them are queued ahead and then checked.
        let text =
            "Ilham Aliev spoke. Ilham said so. Ilham Aliev and Kurmangazi. Ilham said Kurmangazi.";
        let found = crate::rules::tests::run("en", G, text)
            .into_iter()
            .filter(|(rule, ..)| rule == "near-miss")
            .map(|(_, found, _)| found)
            .collect::<Vec<_>>();
        assert_eq!(
            found,
            ["Ilham Aliev", "Ilham Aliev", "Kurmangazi", "Kurmangazi"]
        );
    }

    #[test]
    fn the_memo_starting_over_loses_nothing() {
        // More distinct capitalised words than the memo keeps. Each
        // "Ilham" looks the word after it up (it might be "Ilham Aliyev"),
        // so whichever word is next when the memo starts over was looked
        // up before: its cached entry must not be used. Near-misses before
        // and after.
        let mut text = String::from("Ilham Aliev. ");
        for n in 0..super::Memo::LIMIT + 10 {
            text.push_str(&format!("Ilham Qz{n:x}z "));
        }
        text.push_str("and Kurmangazi.");
        let found = crate::rules::tests::run("en", G, &text)
            .into_iter()
            .filter(|(rule, ..)| rule == "near-miss")
            .map(|(_, found, _)| found)
            .collect::<Vec<_>>();
        assert_eq!(found, ["Ilham Aliev", "Kurmangazi"]);
    }

    #[test]
    fn a_thread_empties_the_memos_of_other_languages_when_over_budget() {
        use super::{Memo, Word};
        use crate::glossary::Glossary;
        use crate::lang::LangTag;
        use crate::matcher::FuzzyIndex;
        let g = Glossary::from_str(G, std::path::Path::new("g.toml")).unwrap();
        let en = FuzzyIndex::build(&g, &LangTag::parse("en").unwrap());
        let kk = FuzzyIndex::build(&g, &LangTag::parse("kk").unwrap());
        let fill = |memo: &mut Memo, n: usize| {
            for _ in 0..n {
                memo.words.push(Word {
                    key: 0..0,
                    skeleton_len: 0,
                    latin: true,
                    folded: true,
                    alone: None,
                    anchors: 0,
                });
            }
        };
        let half = Memo::LIMIT / 2;
        Memo::with(&en, |m| fill(m, half));
        Memo::with(&kk, |m| fill(m, half));
        // Within budget: both kept.
        assert_eq!(Memo::with(&en, |m| m.words.len()), half);
        Memo::with(&kk, |m| fill(m, 1));
        // Over budget: the memo in use is kept, the other emptied.
        assert_eq!(Memo::with(&en, |m| m.words.len()), half);
        assert_eq!(Memo::with(&kk, |m| m.words.len()), 0);
    }

    #[test]
    fn a_word_packs_the_same_read_from_its_text_or_alone() {
        // Long enough for spans of every packed length, with spellings
        // that differ only in their last byte or in their length.
        let text = "Oʻzbekiston, Astana и Алматы: Birlestik-2024 Birlestik-2025 a\0b.";
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut seen = std::collections::HashMap::new();
        for &start in &boundaries {
            for &end in boundaries.iter().filter(|&&e| e >= start) {
                let alone = &text[start..end];
                let key = match alone.len() {
                    0..=15 => {
                        let key = super::pack(text, start..end);
                        assert_eq!(key, super::pack(alone, 0..alone.len()), "{alone:?}");
                        (key, 0)
                    }
                    16..=31 => {
                        let key = super::pack_two(text, start..end);
                        assert_eq!(key, super::pack_two(alone, 0..alone.len()), "{alone:?}");
                        key
                    }
                    _ => continue,
                };
                // One key, one spelling: a key shared by two spellings
                // would give one the other's entry.
                assert_eq!(*seen.entry(key).or_insert(alone), alone);
            }
        }
        assert!(
            seen.keys().any(|&(_, rest)| rest != 0),
            "no span of 16 bytes or more"
        );
        assert_ne!(super::pack("a", 0..1), super::pack("a\0", 0..2));
        let sixteen = "abcdefghijklmnop";
        assert_ne!(
            super::pack_two(sixteen, 0..16),
            super::pack_two("abcdefghijklmnop\0", 0..17)
        );
    }

    #[test]
    fn pieces_cover_the_segments_and_cut_only_after_a_breaker() {
        let line = "Ilham\nAliev met «Kurmangazi» in Baku, then\tIlham Aliev left.\n";
        let text = line.repeat(3 * super::PIECE / line.len());
        let segments = [0..text.len() / 3, text.len() / 3 + 1..text.len()];
        let pieces = super::pieces(&text, &segments);
        assert!(pieces.len() >= 2, "{}", pieces.len());
        let flat: Vec<_> = pieces.concat();
        // Every byte of the segments once, in order; a cut inside a
        // segment just after a breaker.
        let joined: usize = flat.iter().map(|r| r.len()).sum();
        assert_eq!(joined, segments.iter().map(|r| r.len()).sum::<usize>());
        for w in flat.windows(2) {
            assert!(w[0].end <= w[1].start);
            if w[0].end != w[1].start {
                assert!(segments.iter().any(|s| s.end == w[0].end));
            } else {
                let before = text[..w[0].end].chars().next_back().unwrap();
                assert!(matches!(before, '.' | ',' | '«' | '»'), "{before:?}");
            }
        }
    }

    #[test]
    fn a_large_document_in_pieces_finds_what_one_pass_finds() {
        use super::{scan, Memo};
        use crate::glossary::Glossary;
        use crate::lang::LangTag;
        use crate::matcher::Matcher;
        use crate::rules::{Context, RuleSet};
        // Candidates across line breaks ("Ilham\nAliev") and next to
        // breakers, in a text of several pieces; and one in the first piece
        // that the last writes in lower case, so an ordinary word.
        let line = "Ilham\nAliev met «Kurmangazi» in Baku, then\tIlham Aliev left.\n";
        let lines = 3 * super::PIECE / line.len();
        let g = Glossary::from_str(G, std::path::Path::new("g.toml")).unwrap();
        let rules = RuleSet::new(&g, None, &[]);
        let en = LangTag::parse("en").unwrap();
        let matcher = Matcher::new(&g);
        let index = matcher.fuzzy(&en);
        let found = |text: &str, parallel: bool| {
            let matches = matcher.find(&en, text, 0, crate::normalize::Syntax::Plain);
            let segments: Vec<_> = std::iter::once(0..text.len()).collect();
            let mut ctx = Context::new("doc.txt", text, &segments, &en, &g, &rules);
            if parallel {
                super::check(&mut ctx, &matches, &index);
            } else {
                let found = Memo::with(&index, |memo| scan(&ctx, &matches, &index, memo));
                super::report_found(&mut ctx, found);
            }
            ctx.into_findings()
                .into_iter()
                .map(|f| (f.range.clone(), f.message().to_owned()))
                .collect::<Vec<_>>()
        };
        let text = format!("Kurmongazy.\n{}", line.repeat(lines));
        assert_eq!(found(&text, false).len(), 3 * lines + 1);
        let text = format!("{text}as a kurmongazy does\n");
        let one = found(&text, false);
        assert_eq!(one.len(), 3 * lines);
        assert_eq!(found(&text, true), one);
    }

    #[test]
    fn a_rendering_with_a_small_first_letter_is_found_from_a_small_word() {
        // Only renderings that do not start with a capital make a word
        // without one a possible start ("the", not "new" of "New Zealand").
        let g = "[[term]]\nid = \"er\"\ncategory = \"place\"\nen = \"the State of Eritrea\"\n\
                 [[term]]\nid = \"nz\"\ncategory = \"place\"\nen = \"New Zealand\"\n";
        assert_finds(g, "in teh State of Eritrea and new Zealnd", "near-miss", &[(
            "teh State of Eritrea",
            "\"teh State of Eritrea\" is not in the glossary but is close to \"the State of Eritrea\", a rendering of the State of Eritrea (place): 1 edit away",
        )]);
    }

    /// A rendering that starts with small words is looked for from its
    /// first capitalised word back (issue 28): small words are not starts,
    /// yet a misspelling anywhere in it, and a capital on its first word,
    /// are found as before. A rendering all in small letters still makes
    /// every small word a start.
    #[test]
    fn a_word_left_unfolded_is_folded_when_a_phrase_asks() {
        // "民囯" has two ideographs no one-word name uses and no first word
        // of a longer one: it is not folded when first read, but the
        // phrase it ends is compared whole.
        let g = "[[term]]\nid = \"kr\"\ncategory = \"place\"\nja = \"大韓 民国\"\n\
                 [[term]]\nid = \"jp\"\ncategory = \"place\"\nja = \"日本\"\n";
        assert_finds_in(
            "ja",
            g,
            "民囯。大韓 民囯。日本。",
            "near-miss",
            &[(
                "大韓 民囯",
                "\"大韓 民囯\" is not in the glossary but is close to \"大韓 民国\", a rendering of 大韓 民国 (place): 1 edit away",
            )],
        );
    }

    #[test]
    fn a_rendering_with_small_first_words_is_found_from_its_first_capital() {
        let g = "[[term]]\nid = \"ps\"\ncategory = \"place\"\nen = \"the State of Palestine\"\n\
                 [[term]]\nid = \"nr\"\ncategory = \"place\"\nen = \"nauru\"\n";
        let near = |found: &str, edits: &str| {
            format!("\"{found}\" is not in the glossary but is close to \"the State of Palestine\", a rendering of the State of Palestine (place): {edits} away")
        };
        let (a, b, c) = (
            near("The Stat of Palestine", "1 edit"),
            near("the State of Palestina", "1 edit"),
            near("teh State of Palestine", "1 edit"),
        );
        assert_finds(
            g,
            "The Stat of Palestine wrote; in the State of Palestina; so teh State of Palestine.",
            "near-miss",
            &[
                ("The Stat of Palestine", &a),
                ("the State of Palestina", &b),
                ("teh State of Palestine", &c),
            ],
        );
        assert_silent(g, "the State of Palestine, and the state of things.");
        assert_finds(g, "to the island of nauuru", "near-miss", &[(
            "nauuru",
            "\"nauuru\" is not in the glossary but is close to \"nauru\", a rendering of nauru (place): a transliteration variant",
        )]);
    }

    #[test]
    fn ignored_words_are_silent() {
        let g = format!("[near-miss]\nignore = [\"Kurmangazi\"]\n{G}");
        assert_silent(&g, "the Kurmangazi centre");
    }
}
