//! Folding and matching in one pass over a document's original text.
//!
//! In: the original text of a segment and one language's [`Compiled`]
//! automaton. Out: [`Candidate`]s, every occurrence of a rendering that
//! starts where a word starts and passes its end boundary or takes an ending,
//! with folded offsets (for choosing leftmost-longest exactly as a search
//! over the folded text would) and original byte ranges.
//!
//! The text is never copied. Each character is folded through a table built
//! for the language: for every character of the Basic Multilingual Plane,
//! the automaton symbol of its fold and whether it is white space, invisible,
//! a word character or NFC-inert. The symbol goes straight into the
//! automaton. What the table cannot fold alone (an NFC chunk, a character
//! that folds to several, a character reference in markup) goes through the
//! normaliser's own [`Folder`], so the characters fed are exactly those
//! `normalize` produces (property-tested in `matcher::tests`).
//!
//! Words are marked in the symbol stream: a `BOUNDARY` symbol goes before
//! every word character that follows a non-word character, and renderings
//! are encoded with the same marks. The automaton then only reports
//! renderings that start where a word starts: "oman" is never reported
//! inside "woman", which was most of what a search over folded text reported
//! and then threw away (PERF-NOTES, pitfall 4).
//!
//! Positions: a small ring remembers, at every mark (a word start or a
//! non-word character), how many bytes had been fed and the original and
//! folded offsets there. A rendering always begins at a mark, so a hit's
//! original start is read from the ring; its end is where the current unit
//! of the original ends. No map from folded to original offsets is needed.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::boundary::is_word_char;
use super::fuzzy::WordHasher;
use super::segment::is_unspaced;
use super::Pattern;
use crate::inflect::Inflection;
use crate::normalize::{decode, fold_char, nfc_stable, Fold, Folder, Syntax};

/// One rendering's occurrence, before leftmost-longest is chosen.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// Folded offsets: where the rendering starts, and where it ends with
    /// any ending.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) pattern: usize,
    /// The same three positions in the original text.
    pub(super) raw_start: usize,
    pub(super) raw_end: usize,
    pub(super) raw_stem_end: usize,
}

/// One language's renderings, compiled for [`scan`].
pub(super) struct Compiled {
    alphabet: Alphabet,
    engine: Engine,
    /// Ring entries needed to reach back to the start of the longest
    /// rendering: a power of two.
    ring: usize,
    /// What every scan starts from, worked out once: a catalogue's
    /// segments are scanned one by one, and asking the automaton for these
    /// 258 transitions each time was a fifth of matching a unit.
    entry: Entry,
}

/// The automaton's start state and the transitions from it that a scan
/// reads at each step.
struct Entry {
    start: StateID,
    /// The state after a word start from `start`.
    after_boundary: StateID,
    /// One-byte symbols the start state reads without leaving it.
    root_stays: [bool; 256],
}

impl Entry {
    fn of<A: Automaton>(aut: &A) -> Entry {
        // An unanchored start state always exists for a Standard automaton.
        let start = aut.start_state(Anchored::No).unwrap_or_default();
        let mut root_stays = [false; 256];
        for (b, stays) in (0..=255u8).zip(root_stays.iter_mut()) {
            *stays = aut.next_state(Anchored::No, start, b) == start;
        }
        Entry {
            start,
            after_boundary: aut.next_state(Anchored::No, start, BOUNDARY as u8),
            root_stays,
        }
    }
}

enum Engine {
    Dfa(aho_corasick::dfa::DFA),
    Nfa(aho_corasick::nfa::contiguous::NFA),
}

/// Up to this many renderings in one language, the automaton is a DFA.
///
/// A DFA steps about 1.3-1.6x faster than the contiguous NFA, but its build
/// time and memory grow with the renderings (3 ms at 250, 60 ms at 2,500,
/// 1.5 s and 400 MB at 25,000: PERF-NOTES): worth it for the few hundred
/// renderings a language usually has, not for tens of thousands.
const DFA_MAX_PATTERNS: usize = 3_000;

impl Compiled {
    /// Compiles the folded `keys` (one per pattern, in pattern order), or
    /// `None` if the automaton cannot be built (too many states).
    pub(super) fn build(keys: &[&str]) -> Option<Compiled> {
        let alphabet = Alphabet::build(keys);
        let mut longest = 0;
        let encoded: Vec<Vec<u8>> = keys
            .iter()
            .map(|k| {
                let (bytes, marks) = alphabet.encode_key(k);
                longest = longest.max(marks);
                bytes
            })
            .collect();
        let engine = if keys.len() <= DFA_MAX_PATTERNS {
            aho_corasick::dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Unanchored)
                .prefilter(false)
                .build(&encoded)
                .ok()
                .map(Engine::Dfa)
        } else {
            None
        };
        let engine = match engine {
            Some(e) => e,
            None => aho_corasick::nfa::contiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(&encoded)
                .ok()
                .map(Engine::Nfa)?,
        };
        let entry = match &engine {
            Engine::Dfa(a) => Entry::of(a),
            Engine::Nfa(a) => Entry::of(a),
        };
        Some(Compiled {
            alphabet,
            engine,
            ring: (longest + 1).next_power_of_two(),
            entry,
        })
    }
}

/// Every candidate in `src`: what a search of the folded text for the
/// patterns' keys finds at word starts, completed at word ends or after an
/// ending of `inflection` (`LanguageMatcher::complete` in the tests is the
/// reference).
pub(super) fn scan(
    compiled: &Compiled,
    patterns: &[Pattern],
    inflection: Option<&Inflection>,
    src: &str,
    syntax: Syntax,
) -> Vec<Candidate> {
    let context = Context {
        compiled,
        patterns,
        inflection,
        // Apostrophe, the longest ending, and one character more to tell
        // that the word goes on.
        follow_limit: inflection.map_or(1, |i| i.longest_ending() + 2),
    };
    match &compiled.engine {
        Engine::Dfa(a) => Scan::new(a, context, src, syntax).run(),
        Engine::Nfa(a) => Scan::new(a, context, src, syntax).run(),
    }
}

/// Symbol codes: what the automaton reads for one folded character.
/// A character no rendering of the language contains.
const OTHER: u32 = 0;
/// A word starts here.
const BOUNDARY: u32 = 1;
/// The first code of a character that renderings contain.
const FIRST_CHAR: u32 = 2;
/// Codes below this are one byte; up to `TWO_BYTES`, two (a lead byte from
/// 240 to 254); above, four (lead byte 255). A prefix code, so a rendering
/// found at a symbol's start ends at a symbol's end.
const ONE_BYTE: u32 = 240;
const TWO_BYTES: u32 = ONE_BYTE + 15 * 256;

/// The bits of an [`Alphabet`] table entry.
const CODE: u32 = 0x00FF_FFFF;
/// The fold is a word character.
const WORD: u32 = 1 << 24;
/// White space: a run of it folds to one space.
const SPACE: u32 = 1 << 25;
/// Invisible: folds to nothing.
const DROP: u32 = 1 << 26;
/// Needs the `Folder`: not NFC-inert, or folds to several characters.
const SLOW: u32 = 1 << 27;
/// NFC-inert (`normalize::nfc_stable`): a new NFC chunk starts here.
const INERT: u32 = 1 << 28;
/// Bits 29 and 30: the fold's length in UTF-8, less one.
const LEN_SHIFT: u32 = 29;

/// How one language's characters fold into automaton symbols.
struct Alphabet {
    /// For every character of the Basic Multilingual Plane.
    table: Box<[u32]>,
    /// Codes of the characters renderings contain, for characters the
    /// `Folder` produced and characters above the BMP.
    codes: HashMap<char, u32, BuildHasherDefault<WordHasher>>,
}

impl Alphabet {
    fn build(keys: &[&str]) -> Alphabet {
        let mut count: HashMap<char, usize, BuildHasherDefault<WordHasher>> = HashMap::default();
        for c in keys.iter().flat_map(|k| k.chars()) {
            *count.entry(c).or_default() += 1;
        }
        // The commonest characters get the one-byte codes.
        let mut chars: Vec<(char, usize)> = count.into_iter().collect();
        chars.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let codes: HashMap<char, u32, BuildHasherDefault<WordHasher>> = chars
            .iter()
            .zip(FIRST_CHAR..)
            .map(|(&(c, _), code)| (c, code))
            .collect();
        let mut dense = vec![OTHER; 0x1_0000];
        for (&c, &code) in &codes {
            if let Some(slot) = dense.get_mut(c as usize) {
                *slot = code;
            }
        }
        let table = (0..0x1_0000u32)
            .map(|u| match char::from_u32(u) {
                // Surrogates never occur in a `str`.
                None => SLOW,
                Some(c) => table_entry(c, &dense),
            })
            .collect();
        Alphabet { table, codes }
    }

    /// The entry of a character the `Folder` produced (already folded).
    fn folded_entry(&self, c: char) -> u32 {
        let code = self.codes.get(&c).copied().unwrap_or(OTHER);
        let word = if is_scanned_word_char(c) { WORD } else { 0 };
        code | word | ((c.len_utf8() as u32 - 1) << LEN_SHIFT)
    }

    /// A folded key as the automaton reads it, with how many marks it
    /// spans.
    fn encode_key(&self, key: &str) -> (Vec<u8>, usize) {
        let mut out = Vec::with_capacity(key.len() + 4);
        let (mut prev_word, mut marks) = (false, 0);
        for c in key.chars() {
            let word = is_scanned_word_char(c);
            if word && !prev_word {
                encode(BOUNDARY, &mut out);
                marks += 1;
            } else if !word {
                marks += 1;
            }
            encode(self.codes.get(&c).copied().unwrap_or(OTHER), &mut out);
            prev_word = word;
        }
        (out, marks)
    }
}

fn table_entry(c: char, dense: &[u32]) -> u32 {
    let inert = if nfc_stable(c) { INERT } else { SLOW };
    let fold = match fold_char(c) {
        Fold::Space => SPACE,
        Fold::Drop => DROP,
        Fold::One(f) => {
            let code = dense.get(f as usize).copied().unwrap_or(SLOW);
            let word = if is_scanned_word_char(f) { WORD } else { 0 };
            code | word | ((f.len_utf8() as u32 - 1) << LEN_SHIFT)
        }
        Fold::Many(..) => SLOW,
    };
    fold | inert
}

/// A word character as the scanner marks words: a character of a script
/// written without spaces counts as not one, so that a mark (a possible
/// start) falls before every such character and a rendering may end at any
/// of them (`segment` then asks the word segmenter). Costs the hot loop
/// nothing.
fn is_scanned_word_char(c: char) -> bool {
    is_word_char(c) && !is_unspaced(c)
}

fn encode(code: u32, out: &mut Vec<u8>) {
    let (bytes, len) = code_bytes(code);
    out.extend_from_slice(&bytes[..len]);
}

/// The bytes of a symbol code, and how many there are.
#[inline]
fn code_bytes(code: u32) -> ([u8; 4], usize) {
    // Every cast below takes a value already reduced to a byte's range.
    if code < ONE_BYTE {
        ([code as u8, 0, 0, 0], 1)
    } else if code < TWO_BYTES {
        let c = code - ONE_BYTE;
        ([(ONE_BYTE + c / 256) as u8, (c % 256) as u8, 0, 0], 2)
    } else {
        let c = code - TWO_BYTES;
        ([255, (c >> 16) as u8, (c >> 8) as u8, c as u8], 4)
    }
}

/// What completing a hit needs besides the automaton.
struct Context<'a> {
    compiled: &'a Compiled,
    patterns: &'a [Pattern],
    inflection: Option<&'a Inflection>,
    /// Characters after a hit worth folding: see [`scan`].
    follow_limit: usize,
}

/// Where a rendering may start: a word start or a non-word character.
#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    /// Bytes fed to the automaton before it.
    fed: usize,
    raw: usize,
    folded: usize,
}

/// One folded character after a hit, and where its unit ends.
#[derive(Debug, Clone, Copy)]
struct Next {
    c: char,
    raw_end: usize,
    folded_end: usize,
}

/// Where the scan is: kept in registers by the hot loop, so it is passed
/// by value.
#[derive(Debug, Clone, Copy)]
struct At {
    sid: StateID,
    /// Bytes fed to the automaton.
    fed: usize,
    /// Bytes of folded text so far.
    folded: usize,
    /// The last folded character is a word character.
    prev_word: bool,
    /// Marks pushed.
    marks: usize,
}

struct Scan<'a, A> {
    aut: &'a A,
    cx: Context<'a>,
    table: &'a [u32],
    /// The table's ASCII entries, with `&` slow in markup.
    ascii: [u32; 128],
    /// The entry fed for a run of white space: one space.
    space: u32,
    /// The start state, and the state after a word start from it.
    start: StateID,
    after_boundary: StateID,
    /// One-byte symbols the start state reads without leaving it.
    root_stays: &'a [bool; 256],
    src: &'a str,
    bytes: &'a [u8],
    syntax: Syntax,
    ring: Vec<Mark>,
    folder: Folder<'a>,
    /// One slow unit's folded characters.
    unit: String,
    /// The characters after the current hit (see `follow`).
    next: Vec<Next>,
    out: Vec<Candidate>,
}

impl<'a, A: Automaton> Scan<'a, A> {
    fn new(aut: &'a A, cx: Context<'a>, src: &'a str, syntax: Syntax) -> Self {
        let table: &[u32] = &cx.compiled.alphabet.table;
        let mut ascii = [0; 128];
        ascii.copy_from_slice(&table[..128]);
        for &b in syntax.special_bytes() {
            ascii[usize::from(b)] |= SLOW;
        }
        let entry = &cx.compiled.entry;
        Scan {
            aut,
            table,
            ascii,
            space: cx.compiled.alphabet.folded_entry(' '),
            start: entry.start,
            after_boundary: entry.after_boundary,
            root_stays: &entry.root_stays,
            ring: vec![Mark::default(); cx.compiled.ring],
            cx,
            src,
            bytes: src.as_bytes(),
            syntax,
            folder: Folder::new(src, 0, syntax),
            unit: String::new(),
            next: Vec::new(),
            out: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<Candidate> {
        let (bytes, table) = (self.bytes, self.table);
        let mut at = At {
            sid: self.start,
            fed: 0,
            folded: 0,
            prev_word: false,
            marks: 0,
        };
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (e, len) = if b < 0x80 {
                (self.ascii[usize::from(b)], 1)
            } else {
                let (c, len) = decode(bytes, i);
                (table.get(c as usize).copied().unwrap_or(SLOW), len)
            };
            // The character is its own unit only if the next one starts a
            // new NFC chunk.
            if e & SLOW != 0 || !self.inert_at(i + len) {
                (at, i) = self.slow_unit(at, i);
            } else if e & SPACE != 0 {
                let run_end = self.space_run_end(i + len);
                at = self.push(at, self.space, i, run_end, "");
                i = run_end;
            } else {
                if e & DROP == 0 {
                    at = self.push(at, e, i, i + len, "");
                }
                i += len;
            }
        }
        self.out
    }

    /// Whether the character at `i` (or the end) starts an NFC chunk.
    #[inline(always)]
    fn inert_at(&self, i: usize) -> bool {
        match self.bytes.get(i) {
            Some(&b) if b >= 0x80 => {
                let (c, _) = decode(self.bytes, i);
                match self.table.get(c as usize) {
                    Some(&e) => e & INERT != 0,
                    None => char::from_u32(c).is_some_and(nfc_stable),
                }
            }
            _ => true,
        }
    }

    /// Where the run of white space and invisibles from `i` ends (the
    /// normaliser's `skip_space_run`).
    fn space_run_end(&self, i: usize) -> usize {
        crate::normalize::space_run_end(self.src, i, self.syntax)
    }

    /// Folds the unit at `i` with the `Folder` and feeds its characters;
    /// returns where the unit ends.
    #[inline(never)]
    fn slow_unit(&mut self, mut at: At, i: usize) -> (At, usize) {
        self.folder.pos = i;
        let mut unit = std::mem::take(&mut self.unit);
        unit.clear();
        self.folder.fold_unit(&mut unit);
        let end = self.folder.pos;
        for (k, c) in unit.char_indices() {
            let e = self.cx.compiled.alphabet.folded_entry(c);
            // A hit inside a unit that folds to several characters: the
            // rest of the unit comes first after it.
            at = self.push(at, e, i, end, &unit[k + c.len_utf8()..]);
        }
        self.unit = unit;
        (at, end)
    }

    /// Feeds one folded character whose unit is `start..end` of the
    /// original (`pending`: the rest of that unit's fold), marking word
    /// starts and non-word characters.
    ///
    /// No rendering starts with a word character that is not at a word
    /// start, nor with a symbol the start state reads without leaving it:
    /// in the start state, those need not be fed at all. That skips the
    /// rest of every word no rendering starts like, which is most words.
    #[inline(always)]
    fn push(&mut self, mut at: At, e: u32, start: usize, end: usize, pending: &str) -> At {
        let word = e & WORD != 0;
        let code = e & CODE;
        let before = at.folded;
        at.folded += ((e >> LEN_SHIFT) & 3) as usize + 1;
        if at.sid == self.start {
            let stays = if word {
                at.prev_word
            } else {
                code < ONE_BYTE && self.root_stays[code as usize]
            };
            if stays {
                at.prev_word = word;
                return at;
            }
        }
        if !word || !at.prev_word {
            let slot = at.marks & (self.ring.len() - 1);
            self.ring[slot] = Mark {
                fed: at.fed,
                raw: start,
                folded: before,
            };
            at.marks += 1;
            if word {
                at.sid = if at.sid == self.start {
                    self.after_boundary
                } else {
                    self.aut.next_state(Anchored::No, at.sid, BOUNDARY as u8)
                };
                at.fed += 1;
            }
        }
        at.prev_word = word;
        if code < ONE_BYTE {
            at.sid = self.aut.next_state(Anchored::No, at.sid, code as u8);
            at.fed += 1;
        } else {
            let (bytes, len) = code_bytes(code);
            for &b in &bytes[..len] {
                at.sid = self.aut.next_state(Anchored::No, at.sid, b);
            }
            at.fed += len;
        }
        if self.aut.is_special(at.sid) && self.aut.is_match(at.sid) {
            self.on_match(at, end, pending);
        }
        at
    }

    /// The automaton reports renderings ending here, in the unit that ends
    /// at `raw_end` of the original; `pending` is the rest of that unit's
    /// fold.
    #[inline(never)]
    fn on_match(&mut self, at: At, raw_end: usize, pending: &str) {
        let mut followed = false;
        for k in 0..self.aut.match_len(at.sid) {
            let pid = self.aut.match_pattern(at.sid, k);
            let Some(target) = at.fed.checked_sub(self.aut.pattern_len(pid)) else {
                continue;
            };
            let Some(mark) = self.mark_at(at, target) else {
                // Not at a symbol's start (a longer code's trailing byte).
                continue;
            };
            if !followed {
                self.follow(at, raw_end, pending);
                followed = true;
            }
            self.complete(at, pid.as_usize(), mark, raw_end);
        }
    }

    fn mark_at(&self, at: At, fed: usize) -> Option<Mark> {
        let lowest = at.marks.saturating_sub(self.ring.len());
        (lowest..at.marks)
            .rev()
            .map(|m| self.ring[m & (self.ring.len() - 1)])
            .take_while(|m| m.fed >= fed)
            .find(|m| m.fed == fed)
    }

    /// Where a hit of pattern `pid` really ends: at a word boundary, after
    /// an ending of the language, or nowhere.
    fn complete(&mut self, at: At, pid: usize, mark: Mark, raw_end: usize) {
        let p = &self.cx.patterns[pid];
        let mut candidate = Candidate {
            start: mark.folded,
            end: at.folded,
            pattern: pid,
            raw_start: mark.raw,
            raw_end,
            raw_stem_end: raw_end,
        };
        let inflection = self.cx.inflection.filter(|_| p.inflect && p.word_end);
        if let Some(rules) = inflection {
            if let Some(last) = self.ending() {
                let folded_len = last.folded_end - at.folded;
                let mut ending = String::with_capacity(folded_len);
                ending.extend(
                    self.next
                        .iter()
                        .take_while(|n| n.folded_end <= last.folded_end)
                        .map(|n| n.c),
                );
                if rules.accepts(&p.key, &ending) {
                    candidate.end = last.folded_end;
                    candidate.raw_end = last.raw_end;
                    self.out.push(candidate);
                    return;
                }
            }
        }
        let at_boundary = !p.word_end
            || self
                .next
                .first()
                .is_none_or(|n| !is_word_char(n.c) || is_unspaced(n.c));
        if at_boundary && !p.truncated {
            self.out.push(candidate);
        }
    }

    /// The last character of a possible ending after the hit: the rest of
    /// the word, including one apostrophe followed by more letters
    /// (`boundary::ending_end`); `None` if there is none or it is longer
    /// than any ending.
    fn ending(&self) -> Option<Next> {
        let skip = usize::from(self.next.first().is_some_and(|n| n.c == '\''));
        let word = self.next[skip.min(self.next.len())..]
            .iter()
            .take_while(|n| is_word_char(n.c))
            .count();
        if word == 0 || skip + word >= self.cx.follow_limit {
            return None;
        }
        Some(self.next[skip + word - 1])
    }

    /// Folds what follows a hit into `next`: the first character, and the
    /// word characters after it (after an apostrophe too), up to the limit.
    fn follow(&mut self, at: At, raw_end: usize, pending: &str) {
        let limit = self.cx.follow_limit;
        self.next.clear();
        let mut folded = at.folded;
        let mut keep = |next: &mut Vec<Next>, c: char, raw_end: usize| {
            // The first character, then word characters after a word
            // character or an apostrophe.
            let wanted = next.len() < limit
                && next
                    .first()
                    .is_none_or(|f| is_word_char(c) && (f.c == '\'' || is_word_char(f.c)));
            if wanted {
                folded += c.len_utf8();
                next.push(Next {
                    c,
                    raw_end,
                    folded_end: folded,
                });
            }
            wanted
        };
        for c in pending.chars() {
            if !keep(&mut self.next, c, raw_end) {
                return;
            }
        }
        let mut folder =
            Folder::resume(self.src, raw_end, self.syntax, self.folder.verified_until());
        let mut unit = String::new();
        while folder.pos < self.src.len() && self.next.len() < limit {
            let at = folder.pos;
            let b = self.bytes[at];
            let plain = b < 0x80 && !self.syntax.special(b) && self.inert_at(at + 1);
            if plain && !crate::normalize::is_space_byte(b) {
                folder.pos += 1;
                let c = match fold_char(char::from(b)) {
                    Fold::One(c) => c,
                    _ => ' ',
                };
                if !keep(&mut self.next, c, at + 1) {
                    return;
                }
                continue;
            }
            unit.clear();
            folder.fold_unit(&mut unit);
            for c in unit.chars() {
                if !keep(&mut self.next, c, folder.pos) {
                    return;
                }
            }
        }
    }
}
