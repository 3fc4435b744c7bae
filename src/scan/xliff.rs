//! XLIFF 1.2 and 2.x, and TMX translation memories: every unit's source and
//! target text, each in its own language.
//!
//! TMX 1.1–1.4 shares XLIFF's shape: a `<tu>` is a unit, each `<tuv>` one
//! language's `<seg>`; the `<tuv>` in the header's `srclang` is the source,
//! every other one a target. Its inline codes (`<bpt>`, `<ept>`, `<it>`,
//! `<ph>`, `<ut>`) are skipped like XLIFF's, text in `<hi>` and `<sub>` is
//! checked, and `<prop>`/`<note>` are not. A memory is read, never fixed.
//!
//! Languages come from `source-language`/`target-language` (1.2, on
//! `<file>`), `srcLang`/`trgLang` (2.x, on `<xliff>`), or `xml:lang` on the
//! element. Inline code (`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<sc>`, `<ec>`,
//! `<data>`) is skipped; text inside `<mrk>`, `<g>`, `<pc>` and `<sub>` is
//! checked. Alternative translations (`<alt-trans>`), the segmented copy of
//! the source (`<seg-source>`) and notes are not checked. Sources are
//! reported but never fixed: only targets are the translator's to change.
//!
//! Text on both sides of inline elements is one segment, so a name split by
//! them is found; XLIFF is markup to the normaliser, which folds the tags to
//! nothing and decodes character references as units. A DOCTYPE that declares
//! entities is refused: they are never expanded (no entity-expansion bomb),
//! and the text they stand for could not be checked.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::directive::{self, Command, Directive, PendingIgnore, Regions};
use super::{Parsed, Segment};
use crate::lang::LangTag;

/// What an XLIFF file holds.
struct Xliff {
    target_language: Option<LangTag>,
    source_language: Option<LangTag>,
    segments: Vec<Segment>,
    /// Units opened so far: the current unit's number is this minus one.
    units: usize,
    /// Units whose target is not finished, with the state that says so.
    unfinished: Vec<(usize, &'static str)>,
    /// Units marked `translate="no"` (or inside such a group or file).
    untranslatable: Vec<usize>,
    /// The language tags seen so far, so that each segment shares one
    /// (a TMX names a language on every `<tuv>`: 200,000 copies of "ru"
    /// were 4.8 MB of a 21.7 MB memory).
    tags: Vec<LangTag>,
}

impl Xliff {
    /// `tag`, or the equal one seen before.
    fn intern(&mut self, tag: LangTag) -> LangTag {
        match self.tags.iter().find(|t| **t == tag) {
            Some(seen) => seen.clone(),
            None => {
                // A file with many languages is rare; a bound keeps a
                // crafted one linear.
                if self.tags.len() < 64 {
                    self.tags.push(tag.clone());
                }
                tag
            }
        }
    }
}

/// Inline directives: a `termlint: ignore` comment before or inside a unit,
/// or a `<note>` saying it, silences the whole unit.
struct Suppressions {
    /// Ignores waiting for the next unit.
    pending: Vec<PendingIgnore>,
    /// The open unit's start and its ignores.
    unit: Option<(usize, Vec<PendingIgnore>)>,
    regions: Regions,
    done: Vec<Directive>,
}

impl Suppressions {
    fn comment(&mut self, text: &str, at: Range<usize>) {
        match directive::parse(text) {
            Some(Command::Ignore(names)) => match &mut self.unit {
                Some((_, ignores)) => ignores.push((at, names)),
                None => self.pending.push((at, names)),
            },
            Some(c) => self.done.extend(self.regions.feed(&c, at)),
            None => {}
        }
    }

    fn open_unit(&mut self, start: usize) {
        self.unit = Some((start, std::mem::take(&mut self.pending)));
    }

    fn close_unit(&mut self, end: usize) {
        if let Some((start, ignores)) = self.unit.take() {
            self.done
                .extend(ignores.into_iter().map(|(at, names)| Directive {
                    silences: start.min(at.start)..end,
                    at,
                    names,
                }));
        }
    }
}

/// A parse error at a byte offset.
pub(super) struct XmlError {
    pub(super) offset: usize,
    pub(super) message: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Source,
    Target,
}

/// One open element, with what it inherits from the elements around it, so
/// that every question about the open elements is answered by the last one
/// (asking all of them made 200,000 nested groups quadratic).
#[derive(Clone, PartialEq)]
struct Open {
    /// The element's name as written, with its prefix (`sdl:seg`).
    name: String,
    lang: Option<LangTag>,
    /// The nearest open element (this one or an outer one) with a language.
    lang_at: Option<usize>,
    /// `translate="no"` here or around.
    no_translate: bool,
    /// Whether text inside is a unit's source or target (`<source>`,
    /// `<target>`; a TMX `<tuv>` by its language), here or around.
    role: Option<Role>,
    /// Inside something never checked: notes, inline code, `<alt-trans>`.
    excluded: bool,
    /// Inside a TMX `<seg>`.
    in_seg: bool,
    /// Inside a unit.
    in_unit: bool,
}

impl Open {
    /// The name without its namespace prefix.
    fn local(&self) -> &str {
        local(&self.name)
    }

    /// `name` opened inside `outer`; `role` is its own, if any.
    fn new(
        outer: Option<&Open>,
        depth: usize,
        name: String,
        lang: Option<LangTag>,
        no_translate: bool,
        role: Option<Role>,
        dialect: Dialect,
    ) -> Open {
        let local = local(&name);
        let excluded = matches!(
            local,
            "alt-trans"
                | "seg-source"
                | "note"
                | "notes"
                | "originalData"
                | "ph"
                | "bpt"
                | "ept"
                | "it"
                | "ut"
                | "sc"
                | "ec"
                | "data"
                | "prop"
                | "header"
        );
        Open {
            lang_at: if lang.is_some() {
                Some(depth)
            } else {
                outer.and_then(|o| o.lang_at)
            },
            no_translate: no_translate || outer.is_some_and(|o| o.no_translate),
            role: role.or(outer.and_then(|o| o.role)),
            excluded: excluded || outer.is_some_and(|o| o.excluded),
            in_seg: local == "seg" || outer.is_some_and(|o| o.in_seg),
            in_unit: is_unit(local, dialect) || outer.is_some_and(|o| o.in_unit),
            name,
            lang,
        }
    }
}

/// A qualified name's local part, as the XML reader's `local_name`.
fn local(name: &str) -> &str {
    name.split_once(':').map_or(name, |(_, local)| local)
}

/// The two vocabularies read here.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Xliff,
    Tmx,
}

/// An XLIFF 1.2 or 2.x file (and the CAT tools' XLIFF 1.2 dialects).
pub(super) fn parse(text: &str) -> Result<Parsed, XmlError> {
    parse_as(text, Dialect::Xliff)
}

/// A TMX translation memory: read-only units.
pub(super) fn parse_tmx(text: &str) -> Result<Parsed, XmlError> {
    parse_as(text, Dialect::Tmx)
}

/// The reader's state between two events: what the file has said so far
/// and the elements open here. A [`Parser`] can go on from any point of a
/// file, which is what lets a large file be read in chunks on every core
/// ([`parse_in_chunks`]).
struct Parser {
    dialect: Dialect,
    doc: Xliff,
    open: Vec<Open>,
    run: Option<(Range<usize>, Role)>,
    sup: Suppressions,
}

impl Parser {
    fn new(dialect: Dialect, segments: Vec<Segment>) -> Parser {
        Parser {
            dialect,
            doc: Xliff {
                target_language: None,
                source_language: None,
                segments,
                units: 0,
                unfinished: Vec::new(),
                untranslatable: Vec::new(),
                tags: Vec::new(),
            },
            open: Vec::new(),
            run: None,
            sup: Suppressions {
                pending: Vec::new(),
                unit: None,
                regions: Regions::new(),
                done: Vec::new(),
            },
        }
    }

    /// Reads the events of `text`, which starts at byte `base` of the file.
    /// A `chunk` may close elements opened before it: their end tags are
    /// checked against the open elements here, not by the XML reader, which
    /// never saw them open.
    // Kept whole: one pass of the XML reader; its events share the open file, unit, segment and
    // inline-tag state.
    fn read(&mut self, text: &str, base: usize, chunk: bool) -> Result<(), XmlError> {
        // The reader skips a byte-order mark at its start without counting
        // it in its positions: a second BOM (the decoder took the first)
        // put every offset three bytes early, inside the mark.
        let (text, base) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, base + '\u{feff}'.len_utf8()),
            None => (text, base),
        };
        let mut reader = Reader::from_str(text);
        reader.config_mut().trim_text(false);
        if chunk {
            reader.config_mut().check_end_names = false;
            reader.config_mut().allow_unmatched_ends = true;
        }
        let dialect = self.dialect;
        loop {
            let at = offset(&reader);
            let event = reader.read_event().map_err(|e| XmlError {
                offset: base + usize::try_from(reader.error_position()).unwrap_or(at),
                message: e.to_string(),
            })?;
            let till = offset(&reader);
            let (start, end) = (base + at, base + till);
            let (doc, open, run, sup) =
                (&mut self.doc, &mut self.open, &mut self.run, &mut self.sup);
            let role = role(open, dialect);
            match event {
                // Inline codes do not end a run of text: a name split by them
                // (`Nur-<g id="1">Sultan</g>`) is one segment, whose tags the
                // normaliser folds to nothing (issue 21).
                Event::Start(e) if is_inline(e.local_name().as_ref()) => {
                    let inner = Open::new(
                        open.last(),
                        open.len(),
                        e.name().as_ref().to_owned(),
                        Attributes::of(&e).language(),
                        false,
                        None,
                        dialect,
                    );
                    open.push(inner);
                }
                Event::End(e)
                    if chunk && open.last().is_none_or(|o| o.name != e.name().as_ref()) =>
                {
                    return Err(XmlError {
                        offset: start,
                        message: "mismatched end tag".to_owned(),
                    });
                }
                Event::End(e) if is_inline(e.local_name().as_ref()) => {
                    open.pop();
                }
                Event::Empty(e) if is_inline(e.local_name().as_ref()) => {}
                Event::Start(e) => {
                    flush(doc, run, open, dialect);
                    let attributes = Attributes::of(&e);
                    read_languages(doc, &attributes);
                    let name = e.local_name();
                    let name = name.as_ref();
                    let no_translate = attributes.translate.as_deref() == Some("no");
                    if is_unit(name, dialect) {
                        sup.open_unit(start);
                        doc.units += 1;
                        if no_translate || open.last().is_some_and(|o| o.no_translate) {
                            doc.untranslatable.push(doc.units - 1);
                        }
                    }
                    // XLIFF 1.2 on `<target>`, 2.x on `<segment>`: one unfinished
                    // segment leaves its whole unit unfinished.
                    if matches!(name, "target" | "segment") && doc.units > 0 {
                        let state = attributes.state.as_deref().and_then(crate::states::known);
                        if let Some(state) = state {
                            if doc.unfinished.last().map(|(u, _)| *u) != Some(doc.units - 1) {
                                doc.unfinished.push((doc.units - 1, state));
                            }
                        }
                    }
                    let lang = attributes.language().map(|tag| doc.intern(tag));
                    if dialect == Dialect::Tmx && name == "tuv" && doc.source_language.is_none() {
                        doc.source_language.clone_from(&lang);
                    }
                    let role = match (dialect, name) {
                        (Dialect::Xliff, "source") => Some(Role::Source),
                        (Dialect::Xliff, "target") => Some(Role::Target),
                        (Dialect::Tmx, "tuv") => Some(tmx_role(lang.as_ref(), doc)),
                        _ => None,
                    };
                    let inner = Open::new(
                        open.last(),
                        open.len(),
                        e.name().as_ref().to_owned(),
                        lang,
                        no_translate,
                        role,
                        dialect,
                    );
                    open.push(inner);
                }
                Event::End(e) => {
                    flush(doc, run, open, dialect);
                    if is_unit(e.local_name().as_ref(), dialect) {
                        sup.close_unit(end);
                    }
                    open.pop();
                }
                Event::Comment(_) => sup.comment(&text[at..till], start..end),
                // Refused rather than ignored: entities would be text termlint
                // cannot see, and expanding them is how billion-laughs files
                // eat memory.
                Event::DocType(_) if text[at..till].contains("<!ENTITY") => {
                    return Err(XmlError {
                        offset: start + text[at..till].find("<!ENTITY").unwrap_or(0),
                        message: "the DOCTYPE declares entities; termlint never expands DTD entities (a billion-laughs file would exhaust memory), so the text that uses them cannot be checked: remove the declarations".to_owned(),
                    });
                }
                Event::Empty(e) => {
                    flush(doc, run, open, dialect);
                    read_languages(doc, &Attributes::of(&e));
                }
                Event::Text(_) if open.last().is_some_and(|o| o.local() == "note") => {
                    sup.comment(&text[at..till], start..end);
                }
                Event::Text(_) | Event::GeneralRef(_) => {
                    if let Some(role) = role {
                        match run {
                            // Touching, or after inline codes only.
                            Some((r, _)) if r.end <= start => r.end = end,
                            _ => {
                                flush(doc, run, open, dialect);
                                *run = Some((start..end, role));
                            }
                        }
                    }
                }
                Event::CData(_) => {
                    flush(doc, run, open, dialect);
                    if let Some(role) = role {
                        // Inside `<![CDATA[` … `]]>`.
                        *run = Some((start + 9..end - 3, role));
                        flush(doc, run, open, dialect);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// What the whole file held, once its last byte (at `len`) is read.
    fn finish(self, len: usize) -> Result<Parsed, XmlError> {
        if let Some(unclosed) = self.open.last() {
            return Err(XmlError {
                offset: len,
                message: format!("unclosed element <{}>", unclosed.local()),
            });
        }
        let (mut doc, mut sup) = (self.doc, self.sup);
        sup.done.extend(sup.regions.close(len));
        // Not checked at all: the unit says its text is not to be translated.
        let untranslatable = &doc.untranslatable;
        doc.segments.retain(|s| {
            s.unit
                .is_none_or(|(u, _)| untranslatable.binary_search(&u).is_err())
        });
        // Held while the whole file is checked: not with a third unused.
        doc.segments.shrink_to_fit();
        Ok(Parsed {
            declared: doc
                .target_language
                .clone()
                .or_else(|| doc.source_language.clone()),
            segments: doc.segments,
            directives: sup.done,
            unfinished: doc.unfinished,
        })
    }

    /// What this parser has read so far, up to byte `len` of its text, its
    /// state kept to read on: [`Self::finish`] for a window of a memory
    /// that ends where the parser is [`Self::settled`].
    fn take_read(&mut self, len: usize) -> Parsed {
        let mut segments = std::mem::take(&mut self.doc.segments);
        let untranslatable = std::mem::take(&mut self.doc.untranslatable);
        segments.retain(|s| {
            s.unit
                .is_none_or(|(u, _)| untranslatable.binary_search(&u).is_err())
        });
        let mut directives = std::mem::take(&mut self.sup.done);
        directives.extend(self.sup.regions.close(len));
        Parsed {
            declared: self
                .doc
                .target_language
                .clone()
                .or_else(|| self.doc.source_language.clone()),
            segments,
            directives,
            unfinished: std::mem::take(&mut self.doc.unfinished),
        }
    }

    /// A parser that goes on from where this one stands, having read
    /// nothing yet: its units are numbered from 0 ([`Parser::append`]
    /// renumbers them).
    fn resumed(&self, segments: Vec<Segment>) -> Parser {
        Parser {
            dialect: self.dialect,
            doc: Xliff {
                target_language: self.doc.target_language.clone(),
                source_language: self.doc.source_language.clone(),
                segments,
                units: 0,
                unfinished: Vec::new(),
                untranslatable: Vec::new(),
                tags: self.doc.tags.clone(),
            },
            open: self.open.clone(),
            run: self.run.clone(),
            sup: Suppressions {
                pending: self.sup.pending.clone(),
                unit: self.sup.unit.clone(),
                regions: self.sup.regions.clone(),
                done: Vec::new(),
            },
        }
    }

    /// Whether nothing is carried half-done into what comes next: no run of
    /// text, no ignore waiting for its unit, no unit or `off` region open.
    fn settled(&self) -> bool {
        self.run.is_none()
            && self.sup.pending.is_empty()
            && self.sup.unit.is_none()
            && self.sup.regions.is_closed()
    }

    /// Whether a chunk read on from `other` reads the same after this one:
    /// both settled, the same elements open (with all that their contents
    /// inherit) and the same languages declared. Nothing else of a parser
    /// changes what it makes of the events that follow (the unit numbers
    /// are shifted by [`Parser::append`]).
    fn stands_as(&self, other: &Parser) -> bool {
        self.settled()
            && other.settled()
            && self.open == other.open
            && self.doc.source_language == other.doc.source_language
            && self.doc.target_language == other.doc.target_language
    }

    /// Takes on what `next`, resumed from this parser, read after it.
    fn append(&mut self, next: Parser) {
        let shift = self.doc.units;
        let moved = |unit: Option<(usize, bool)>| unit.map(|(u, target)| (u + shift, target));
        self.doc
            .segments
            .extend(next.doc.segments.into_iter().map(|s| Segment {
                unit: moved(s.unit),
                ..s
            }));
        self.doc
            .unfinished
            .extend(next.doc.unfinished.into_iter().map(|(u, s)| (u + shift, s)));
        self.doc
            .untranslatable
            .extend(next.doc.untranslatable.into_iter().map(|u| u + shift));
        self.doc.units += next.doc.units;
        self.doc.source_language = next.doc.source_language;
        self.doc.target_language = next.doc.target_language;
        self.open = next.open;
        self.run = next.run;
        self.sup.done.extend(next.sup.done);
        self.sup.pending = next.sup.pending;
        self.sup.unit = next.sup.unit;
        self.sup.regions = next.sup.regions;
    }
}

fn parse_as(text: &str, dialect: Dialect) -> Result<Parsed, XmlError> {
    if let Some((size, round)) = super::chunking(text.len()) {
        if let Some(parsed) = parse_in_chunks(text, dialect, size, round) {
            return Ok(parsed);
        }
    }
    let mut parser = Parser::new(dialect, segments_for(text, dialect));
    parser.read(text, 0, false)?;
    parser.finish(text.len())
}

/// A memory's segments, counted before they are read: grown by doubling,
/// the vector of a 500 MB memory's 4.6 million segments reached 470 MB
/// before it was cut to size, the run's peak.
fn segments_for(text: &str, dialect: Dialect) -> Vec<Segment> {
    match dialect {
        Dialect::Tmx => {
            Vec::with_capacity(memchr::memmem::find_iter(text.as_bytes(), "<seg").count())
        }
        Dialect::Xliff => Vec::new(),
    }
}

/// `text` read in chunks of about `size` bytes, `round` of them at a time on
/// every core, each cut just before a unit's start tag; `None` if it is
/// better read whole (a small file, or a chunk the XML reader refused: the
/// whole file's reading says where).
///
/// The first chunk is read first; every other one is read on from the
/// state the first ended in (the elements open around a unit, the
/// languages declared). In document order, a chunk's reading is taken
/// when the chunks before it ended in that same state ([`Parser::stands_as`]);
/// otherwise (a new `<group>` or `<file>`, an `ignore` comment just before
/// the cut) it is read again, on from where they did end. A cut that is not
/// a real tag (inside a comment, CDATA or an attribute) leaves the chunk
/// before it unfinished, which the reader refuses. So the result is the
/// whole file's reading, unit numbers and all.
fn parse_in_chunks(text: &str, dialect: Dialect, size: usize, round: usize) -> Option<Parsed> {
    let mut whole = Parser::new(dialect, segments_for(text, dialect));
    read_in_chunks(&mut whole, text, false, (size, round))?;
    whole.finish(text.len()).ok()
}

/// Reads `text` into `whole` as [`parse_in_chunks`] does, `whole` having
/// read what comes before it (`resumed`: something has). `None` if it is
/// better read in one piece; `whole` is then half-read.
fn read_in_chunks(
    whole: &mut Parser,
    text: &str,
    resumed: bool,
    (size, round): (usize, usize),
) -> Option<()> {
    use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};
    let dialect = whole.dialect;
    let cuts = unit_starts(text, dialect, size);
    let first = *cuts.first()?;
    let ends = cuts.iter().skip(1).copied().chain([text.len()]);
    let chunks: Vec<Range<usize>> = cuts.iter().copied().zip(ends).map(|(a, b)| a..b).collect();
    whole.read(&text[..first], 0, resumed).ok()?;
    // The chunks are read on from a settled state (an ignore comment
    // before the first cut is not).
    let mut taken = 0;
    while !whole.settled() {
        let chunk = chunks.get(taken)?;
        whole.read(&text[chunk.clone()], chunk.start, true).ok()?;
        taken += 1;
    }
    let from = whole.resumed(Vec::new());
    let chunks = &chunks[taken..];
    let read = |parser: &Parser, chunk: &Range<usize>| {
        let mut next = parser.resumed(match dialect {
            Dialect::Tmx => segments_for(&text[chunk.clone()], dialect),
            Dialect::Xliff => Vec::new(),
        });
        next.read(&text[chunk.clone()], chunk.start, true)
            .ok()
            .map(|()| next)
    };
    // In rounds: every chunk's reading is held until its turn to be taken.
    for group in chunks.chunks(round.max(1)) {
        let ahead: Vec<Option<Parser>> = group.par_iter().map(|c| read(&from, c)).collect();
        for (chunk, next) in group.iter().zip(ahead) {
            let next = match next {
                Some(next) if whole.stands_as(&from) => next,
                _ => match read(whole, chunk) {
                    Some(next) => next,
                    // Cut inside a comment or CDATA: the rest in one piece.
                    None => {
                        whole.append(read(whole, &(chunk.start..text.len()))?);
                        return Some(());
                    }
                },
            };
            whole.append(next);
        }
    }
    Some(())
}

/// Where units start (`<trans-unit`, `<unit`, `<tu` followed by a space or
/// `>`), the first at or after `size`, each next at least `size` bytes on.
fn unit_starts(text: &str, dialect: Dialect, size: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let tag: &[u8] = match dialect {
        Dialect::Tmx => b"<tu",
        Dialect::Xliff if memchr::memmem::find(bytes, b"<trans-unit").is_some() => b"<trans-unit",
        Dialect::Xliff => b"<unit",
    };
    let finder = memchr::memmem::Finder::new(tag);
    let mut cuts = Vec::new();
    let mut at = size.max(1);
    while at < bytes.len() {
        let Some(found) = finder.find(&bytes[at..]).map(|i| at + i) else {
            break;
        };
        let after = found + tag.len();
        if matches!(bytes.get(after), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>')) {
            cuts.push(found);
            at = found + size;
        } else {
            at = after;
        }
    }
    cuts
}

/// A translation memory read from its file a window of whole units at a
/// time, so that its text is never held whole (issue 22). Each window
/// ends just before a line that starts with a `<tu>` start tag, where the
/// reader has nothing half-read (no unit, ignore comment or `off` region
/// open); the next window is read on from the state it left. A memory
/// written on one line, or anything this reader is unsure of (not UTF-8, a
/// byte-order mark, an XML error), is [`Unstreamable`]: it is read whole,
/// which says what is wrong where.
pub struct MemoryReader<R> {
    source: R,
    /// Read and not yet given out; `pending[0]` is at byte `base` of the file.
    pending: Vec<u8>,
    base: usize,
    /// The reader's state after the windows given out so far.
    parser: Option<Parser>,
    at_end: bool,
    /// The last window is given out.
    done: bool,
    window: usize,
}

/// One window of a memory: its text, where it starts in the file, and
/// what it holds, in offsets into `text`.
pub struct Window {
    pub text: String,
    pub base: usize,
    pub parsed: Parsed,
}

/// A memory that [`MemoryReader`] cannot read in windows.
#[derive(Debug)]
pub struct Unstreamable;

impl<R: std::io::Read> MemoryReader<R> {
    /// Windows of about `window` bytes of `source`.
    pub fn new(source: R, window: usize) -> Self {
        MemoryReader {
            source,
            pending: Vec::new(),
            base: 0,
            parser: None,
            at_end: false,
            done: false,
            window: window.max(1),
        }
    }

    /// The next window, `None` after the last.
    pub fn next_window(&mut self) -> Result<Option<Window>, Unstreamable> {
        if self.done {
            return Ok(None);
        }
        let first = self.parser.is_none();
        // Read past where a window may end, to find the line that ends it.
        let ahead = (self.window / 4).max(64 << 10);
        let mut from = self.window;
        loop {
            self.fill(from.saturating_add(ahead))?;
            if first {
                let head = &self.pending[..self.pending.len().min(super::BINARY_SNIFF)];
                if head.contains(&0) || head.starts_with(b"\xEF\xBB\xBF") {
                    return Err(Unstreamable);
                }
            }
            let cut = match line_unit_start(&self.pending, from) {
                Some(cut) => cut,
                None if self.at_end => self.pending.len(),
                None => {
                    from = self.pending.len();
                    continue;
                }
            };
            let text =
                simdutf8::basic::from_utf8(&self.pending[..cut]).map_err(|_| Unstreamable)?;
            let last = self.at_end && cut == self.pending.len();
            let Some(mut parser) = read_on(self.parser.as_ref(), text) else {
                if last {
                    return Err(Unstreamable);
                }
                // Cut inside a comment or CDATA: a longer window.
                from = cut.saturating_add(self.window);
                continue;
            };
            if !last && !parser.settled() {
                // An ignore comment or `off` region goes on: a longer window.
                from = cut.saturating_add(self.window);
                continue;
            }
            let parsed = if last {
                let parsed = parser.finish(cut).map_err(|_| Unstreamable)?;
                self.done = true;
                parsed
            } else {
                let parsed = parser.take_read(cut);
                self.parser = Some(parser);
                parsed
            };
            // Validated above: a copy at memory speed, not a second
            // validation (as `scan::utf8` does for a small file).
            let text = text.to_owned();
            self.pending.drain(..cut);
            let base = self.base;
            self.base += cut;
            return Ok(Some(Window { text, base, parsed }));
        }
    }

    /// Reads until `pending` holds `want` bytes, or the file ends.
    fn fill(&mut self, want: usize) -> Result<(), Unstreamable> {
        use std::io::Read as _;
        while !self.at_end && self.pending.len() < want {
            let more = (want - self.pending.len()) as u64;
            let read = (&mut self.source)
                .take(more)
                .read_to_end(&mut self.pending)
                .map_err(|_| Unstreamable)?;
            self.at_end = read == 0;
        }
        Ok(())
    }
}

/// `text` read on from where `before` stands (`None`: from the start of a
/// file), on every core as a whole file is read; `None` if the XML reader
/// refuses it.
fn read_on(before: Option<&Parser>, text: &str) -> Option<Parser> {
    let fresh = || match before {
        Some(before) => before.resumed(segments_for(text, Dialect::Tmx)),
        None => Parser::new(Dialect::Tmx, segments_for(text, Dialect::Tmx)),
    };
    let resumed = before.is_some();
    let mut parser = fresh();
    let chunked =
        super::chunking(text.len()).and_then(|how| read_in_chunks(&mut parser, text, resumed, how));
    if chunked.is_none() {
        parser = fresh();
        parser.read(text, 0, resumed).ok()?;
    }
    Some(parser)
}

/// The start of the first line at or after byte `from` of `bytes` that
/// begins (after spaces or tabs) with a `<tu>` start tag.
fn line_unit_start(bytes: &[u8], from: usize) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(b"<tu");
    let mut at = from;
    while at < bytes.len() {
        let found = at + finder.find(&bytes[at..])?;
        let after = bytes.get(found + 3);
        let line = bytes[..found]
            .iter()
            .rposition(|&b| b != b' ' && b != b'\t')
            .map_or(0, |i| i + 1);
        let starts_line = line == 0 || bytes[line - 1] == b'\n';
        if starts_line && line >= from && matches!(after, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>'))
        {
            return Some(line);
        }
        at = found + 3;
    }
    None
}

/// XLIFF 1.2 and 2.x inline elements: codes and markers inside a source or
/// target; TMX's too (`hi`, `ut`). (Text inside the code elements, native
/// markup, is not checked.)
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "g" | "x"
            | "hi"
            | "ut"
            | "bx"
            | "ex"
            | "ph"
            | "bpt"
            | "ept"
            | "it"
            | "mrk"
            | "pc"
            | "sc"
            | "ec"
            | "sm"
            | "em"
            | "sub"
    )
}

fn is_unit(name: &str, dialect: Dialect) -> bool {
    match dialect {
        Dialect::Xliff => name == "trans-unit" || name == "unit",
        Dialect::Tmx => name == "tu",
    }
}

/// A `<tuv>` in the memory's source language holds the source; any other
/// language a target. Without a usable `srclang` (`*all*`, missing), the
/// first `<tuv>` of the file names it (`parse_as`).
fn tmx_role(lang: Option<&LangTag>, doc: &Xliff) -> Role {
    match (lang, &doc.source_language) {
        (Some(l), Some(source)) if l == source || l.primary() == source.primary() => Role::Source,
        (Some(_), Some(_)) => Role::Target,
        // A `<tuv>` without a language.
        _ => Role::Target,
    }
}

fn offset(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Whether text here belongs to a source or a target that is checked.
fn role(open: &[Open], dialect: Dialect) -> Option<Role> {
    let here = open.last()?;
    // A TMX `<tuv>` holds its text in `<seg>`; around it is only layout.
    if here.excluded || (dialect == Dialect::Tmx && !here.in_seg) {
        return None;
    }
    here.role
}

/// Ends the current text run as a segment.
fn flush(doc: &mut Xliff, run: &mut Option<(Range<usize>, Role)>, open: &[Open], dialect: Dialect) {
    let Some((range, role)) = run.take() else {
        return;
    };
    let declared = open
        .last()
        .and_then(|o| o.lang_at)
        .and_then(|i| open[i].lang.clone());
    let language = declared.or_else(|| match role {
        Role::Source => doc.source_language.clone(),
        Role::Target => doc.target_language.clone(),
    });
    let in_unit = open.last().is_some_and(|o| o.in_unit);
    if role == Role::Target && dialect == Dialect::Tmx && doc.target_language.is_none() {
        doc.target_language.clone_from(&language);
    }
    doc.segments.push(Segment {
        range,
        language,
        fixable: role == Role::Target && dialect == Dialect::Xliff,
        unit: in_unit.then(|| (doc.units.saturating_sub(1), role == Role::Target)),
    });
}

fn read_languages(doc: &mut Xliff, attributes: &Attributes<'_>) {
    // In this order: TMX's header, XLIFF 1.2's <file>, XLIFF 2's <xliff>.
    let a = attributes;
    let sources = [&a.srclang, &a.source_language, &a.src_lang];
    let targets = [&a.target_language, &a.trg_lang];
    for (slot, named) in [
        (&mut doc.source_language, &sources[..]),
        (&mut doc.target_language, &targets[..]),
    ] {
        for tag in named
            .iter()
            .filter_map(|v| v.as_deref().and_then(LangTag::parse))
        {
            slot.get_or_insert(tag);
        }
    }
}

/// An element's attributes that the parser reads, from one pass over them:
/// looked up one at a time, each element's attributes were parsed eight
/// times over, a tenth of reading a catalogue. The first of a name wins.
#[derive(Default)]
struct Attributes<'a> {
    srclang: Option<Cow<'a, str>>,
    source_language: Option<Cow<'a, str>>,
    src_lang: Option<Cow<'a, str>>,
    target_language: Option<Cow<'a, str>>,
    trg_lang: Option<Cow<'a, str>>,
    translate: Option<Cow<'a, str>>,
    state: Option<Cow<'a, str>>,
    xml_lang: Option<Cow<'a, str>>,
    lang: Option<Cow<'a, str>>,
    /// A TMX `<tuv>`, whose language may be TMX 1.1's `lang`.
    tuv: bool,
}

impl<'a> Attributes<'a> {
    fn of(e: &'a BytesStart<'_>) -> Attributes<'a> {
        let mut read = Attributes {
            tuv: e.local_name().as_ref() == "tuv",
            ..Attributes::default()
        };
        let mut all = e.attributes();
        // A duplicate is no error here: the first of a name is read.
        all.with_checks(false);
        for a in all.flatten() {
            let slot = match a.key.as_ref() {
                "srclang" => &mut read.srclang,
                "source-language" => &mut read.source_language,
                "srcLang" => &mut read.src_lang,
                "target-language" => &mut read.target_language,
                "trgLang" => &mut read.trg_lang,
                "translate" => &mut read.translate,
                "state" => &mut read.state,
                "xml:lang" => &mut read.xml_lang,
                "lang" => &mut read.lang,
                _ => continue,
            };
            slot.get_or_insert(a.value);
        }
        read
    }

    /// `xml:lang`, or TMX 1.1's `lang`.
    fn language(&self) -> Option<LangTag> {
        self.xml_lang
            .as_deref()
            .or_else(|| self.lang.as_deref().filter(|_| self.tuv))
            .and_then(LangTag::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, parse_in_chunks, Dialect, MemoryReader, Parsed, Parser};
    use crate::scan::{Directive, Segment};
    use proptest::prelude::{prop, proptest, Just, Strategy};

    /// The file read in one piece, as before chunks.
    fn whole(text: &str, dialect: Dialect) -> Option<Parsed> {
        let mut parser = Parser::new(dialect, Vec::new());
        parser.read(text, 0, false).ok()?;
        parser.finish(text.len()).ok()
    }

    /// One piece of a catalogue: units in every shape the reader treats
    /// apart, and the things that make a cut fall badly (a `<trans-unit`
    /// inside a comment or CDATA, an ignore comment just before a unit, a
    /// group or file boundary, an `off` region, a malformed end tag).
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<trans-unit id=\"1\"><source>Astana</source><target>Астана</target></trans-unit>\n",
            "<trans-unit id=\"2\" translate=\"no\"><source>Baku</source><target>Баку</target></trans-unit>\n",
            "<trans-unit id=\"3\"><source>Kars</source><target state=\"new\">Карс</target></trans-unit>\n",
            "<trans-unit id=\"4\"><source><![CDATA[<trans-unit Baku]]></source><target xml:lang=\"kk\">Баку</target></trans-unit>\n",
            "<trans-unit id=\"5\"><source>Nur-<g id=\"1\">Sultan</g></source><sdl:seg-defs><sdl:seg id=\"1\"/></sdl:seg-defs><target><mrk mid=\"1\">Астана</mrk></target><note>termlint: ignore case</note></trans-unit>\n",
            "<!-- termlint: ignore -->\n",
            "<!-- a <trans-unit id=\"x\"> in a comment -->\n",
            "<!-- termlint: off near-miss -->\n",
            "<!-- termlint: on -->\n",
            "<group id=\"g\">\n",
            "<group translate=\"no\">\n",
            "</group>\n",
            "</body></file><file source-language=\"de\" target-language=\"uz\"><body>\n",
            "<trans-unit id=\"6\"><source>Kars</sorce></trans-unit>\n",
            "<trans-unit id=\"7\"/>\n",
            "<unit id=\"8\"><segment state=\"final\"><source>Baku</source><target>Baku</target></segment></unit>\n",
        ])
    }

    fn catalogue() -> impl Strategy<Value = String> {
        (prop::collection::vec(piece(), 0..40), prop::bool::ANY).prop_map(|(pieces, grouped)| {
            let mut xml = String::from(
                "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body>\n",
            );
            xml.push_str(if grouped { "<group>\n" } else { "" });
            for _ in 0..3 {
                xml.push_str("<trans-unit id=\"0\"><source>Astana</source><target>Астана</target></trans-unit>\n");
            }
            pieces.iter().for_each(|p| xml.push_str(p));
            xml.push_str(if grouped { "</group>\n" } else { "" });
            xml.push_str("</body></file></xliff>\n");
            xml
        })
    }

    fn memory() -> impl Strategy<Value = String> {
        let tu = prop::sample::select(vec![
            "<tu><tuv xml:lang=\"en\"><seg>Astana</seg></tuv><tuv xml:lang=\"ru\"><seg>Астана</seg></tuv></tu>\n",
            "<tu tuid=\"2\"><prop type=\"x\">Baku</prop><tuv lang=\"de\"><seg>Baku <bpt i=\"1\">&lt;b&gt;</bpt>Kars</seg></tuv></tu>\n",
            "<!-- <tu > -->\n",
            "<tuv xml:lang=\"kk\"><seg>Астана</seg></tuv>\n",
        ]);
        prop::collection::vec(tu, 0..40).prop_map(|units| {
            let mut xml = String::from("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n");
            units.iter().for_each(|u| xml.push_str(u));
            xml.push_str("</body></tmx>\n");
            xml
        })
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(500))]

        /// Read in chunks of any size, a catalogue reads as it reads whole:
        /// the same segments, unit numbers, directives and unfinished
        /// units, or (when it is malformed) no chunked reading at all, so
        /// that the whole file's reading reports the error.
        #[test]
        fn a_catalogue_read_in_chunks_reads_as_whole(
            (xml, tmx) in prop::bool::ANY.prop_flat_map(|tmx| {
                let text = if tmx { memory().boxed() } else { catalogue().boxed() };
                (text, Just(tmx))
            }),
            size in 1usize..400,
            round in 1usize..5,
        ) {
            let dialect = if tmx { Dialect::Tmx } else { Dialect::Xliff };
            let chunked = parse_in_chunks(&xml, dialect, size, round);
            proptest::prop_assert!(
                crate::scan::reads_as_whole(chunked.as_ref(), whole(&xml, dialect).as_ref()),
                "{xml}"
            );
        }
    }

    /// `xml` read by [`MemoryReader`] in windows of about `window` bytes,
    /// put back together in the file's offsets: each segment with whether
    /// it is in the same unit as the one before, and the directives.
    type Joined = (Vec<(Segment, bool)>, Vec<Directive>);

    fn joined(parsed: &Parsed, base: usize, out: &mut Joined) {
        for (k, s) in parsed.segments.iter().enumerate() {
            let previous = if k == 0 {
                None
            } else {
                parsed.segments[k - 1].unit
            };
            let same = k > 0 && s.unit.is_some() && s.unit.map(|u| u.0) == previous.map(|u| u.0);
            let mut moved = s.clone();
            moved.range = s.range.start + base..s.range.end + base;
            moved.unit = s.unit.map(|(_, target)| (0, target));
            out.0.push((moved, same));
        }
        out.1.extend(parsed.directives.iter().map(|d| Directive {
            at: d.at.start + base..d.at.end + base,
            silences: d.silences.start + base..d.silences.end + base,
            names: d.names.clone(),
        }));
    }

    fn in_windows(xml: &str, window: usize) -> Option<Joined> {
        let mut reader = MemoryReader::new(xml.as_bytes(), window);
        let mut out = (Vec::new(), Vec::new());
        while let Some(w) = reader.next_window().ok()? {
            joined(&w.parsed, w.base, &mut out);
        }
        Some(out)
    }

    fn memory_lines() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec![
            "<tu><tuv xml:lang=\"en\"><seg>Astana</seg></tuv><tuv xml:lang=\"ru\"><seg>Астана</seg></tuv></tu>\n",
            "  <tu tuid=\"2\">\n    <tuv lang=\"de\"><seg>Baku <bpt i=\"1\">&lt;b&gt;</bpt>Kars</seg></tuv>\n  </tu>\n",
            "<tu><tuv xml:lang=\"en\"><seg>Nur-Sultan</seg></tuv></tu><tu><tuv xml:lang=\"en\"><seg>Baku</seg></tuv></tu>\n",
            "<!-- termlint: ignore -->\n",
            "<!-- termlint: off forbidden -->\n",
            "<!-- termlint: on -->\n",
            "<!-- <tu > -->\n",
            "<!--\n<tu>\n-->\n",
            "\t<tu><tuv xml:lang=\"kk\"><seg>Астана\n<tu>\n</seg></tuv></tu>\r\n",
        ]);
        prop::collection::vec(line, 0..40).prop_map(|lines| {
            let mut xml = String::from("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n");
            lines.iter().for_each(|l| xml.push_str(l));
            xml.push_str("</body></tmx>\n");
            xml
        })
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(300))]

        /// Read from its bytes in windows of any size, a memory reads as it
        /// reads whole: the same segments, units and directives, in the
        /// file's offsets; a memory whose whole reading fails is never
        /// read in windows.
        #[test]
        fn a_memory_read_in_windows_reads_as_whole(xml in memory_lines(), window in 1usize..600) {
            let whole = whole(&xml, Dialect::Tmx).map(|p| {
                let mut out = (Vec::new(), Vec::new());
                joined(&p, 0, &mut out);
                out
            });
            let windows = in_windows(&xml, window);
            match whole {
                Some(whole) => proptest::prop_assert!(windows.as_ref() == Some(&whole), "{xml}"),
                None => proptest::prop_assert!(windows.is_none(), "{xml}"),
            }
        }
    }

    #[test]
    fn a_plain_catalogue_is_read_in_chunks() {
        let mut xml = String::from(
            "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body>\n<group id=\"a\">\n",
        );
        for i in 0..2_000 {
            if i % 500 == 0 {
                xml.push_str("</group><group id=\"b\"><!-- termlint: ignore -->\n");
            }
            xml.push_str(&format!(
                "<trans-unit id=\"{i}\"><source>Astana {i}</source><target state=\"{}\">Астана {i}</target></trans-unit>\n",
                if i % 7 == 0 { "new" } else { "final" }
            ));
        }
        xml.push_str("</group></body></file></xliff>\n");
        let expected = whole(&xml, Dialect::Xliff).expect("well-formed");
        assert_eq!(expected.segments.len(), 4_000);
        crate::scan::assert_read_in_chunks(&expected, |size| {
            parse_in_chunks(&xml, Dialect::Xliff, size, 3)
        });
    }

    fn texts(xml: &str) -> Vec<(String, String, bool)> {
        let doc = parse(xml).unwrap_or_else(|e| panic!("{}", e.message));
        doc.segments
            .into_iter()
            .map(|s| {
                (
                    xml[s.range].to_owned(),
                    s.language.map(|l| l.to_string()).unwrap_or_default(),
                    s.fixable,
                )
            })
            .collect()
    }

    #[test]
    fn xliff_12_sources_and_targets_with_languages() {
        let xml = r#"<xliff version="1.2"><file source-language="en" target-language="ru"><body>
<trans-unit id="1"><source>Astana</source><seg-source><mrk>Astana</mrk></seg-source>
<target><mrk mtype="seg">Астана <ph id="1">&lt;b&gt;</ph>Baku</mrk></target>
<alt-trans><target>Нур-Султан</target></alt-trans></trans-unit></body></file></xliff>"#;
        let t = texts(xml);
        assert_eq!(
            t,
            [
                ("Astana".to_owned(), "en".to_owned(), false),
                // One segment across the inline code; the normaliser folds
                // the whole code element to nothing.
                (
                    "Астана <ph id=\"1\">&lt;b&gt;</ph>Baku".to_owned(),
                    "ru".to_owned(),
                    true
                ),
            ]
        );
    }

    #[test]
    fn xliff_2_languages_and_inline_codes() {
        let xml = r#"<xliff version="2.0" srcLang="en-GB" trgLang="de"><file id="f"><unit id="u">
<originalData><data id="d1">Baku</data></originalData>
<segment><source>Kars <ph id="1"/>and <pc id="2">Baku</pc></source><target xml:lang="de-CH">Kars</target></segment>
</unit></file></xliff>"#;
        let t = texts(xml);
        assert_eq!(
            t.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["Kars <ph id=\"1\"/>and <pc id=\"2\">Baku", "Kars"]
        );
        assert_eq!(t[0].1, "en-GB");
        assert_eq!(t[1].1, "de-CH");
    }

    #[test]
    fn references_stay_inside_one_segment_and_entities_are_refused() {
        let xml = r#"<xliff version="1.2"><file source-language="en" target-language="de"><body><trans-unit id="1">
<source>AT&amp;T in Baku &#x41;</source></trans-unit></body></file></xliff>"#;
        assert_eq!(texts(xml)[0].0, "AT&amp;T in Baku &#x41;");
        let xml = r#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<xliff version="1.2"><file source-language="en" target-language="de"><body><trans-unit id="1">
<source>AT&amp;T in Baku &b;</source></trans-unit></body></file></xliff>"#;
        let Err(e) = parse(xml) else {
            panic!("entity declarations must be refused")
        };
        assert_eq!(e.offset, xml.find("<!ENTITY").unwrap());
        // A DOCTYPE without entities is fine.
        let xml = "<!DOCTYPE xliff>\n<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"1\"><source>Baku</source></trans-unit></body></file></xliff>";
        assert_eq!(texts(xml)[0].0, "Baku");
    }

    #[test]
    fn comments_and_notes_silence_their_unit() {
        let xml = r#"<xliff version="1.2"><file source-language="en" target-language="ru"><body>
<!-- termlint: ignore astana -->
<trans-unit id="1"><source>Astana</source></trans-unit>
<trans-unit id="2"><source>Baku</source><note>termlint: ignore</note></trans-unit>
<trans-unit id="3"><source>Kars</source></trans-unit></body></file></xliff>"#;
        let d = parse(xml)
            .unwrap_or_else(|e| panic!("{}", e.message))
            .directives;
        assert_eq!(d.len(), 2);
        assert!(
            xml[d[0].silences.clone()].contains("Astana")
                && !xml[d[0].silences.clone()].contains("Baku")
        );
        assert_eq!(d[0].names, ["astana"]);
        assert!(
            xml[d[1].silences.clone()].contains("Baku")
                && !xml[d[1].silences.clone()].contains("Kars")
        );
    }

    #[test]
    fn a_second_byte_order_mark_leaves_offsets_where_they_are() {
        let xml = "\u{feff}<xliff><file source-language=\"en\"><body><!-- termlint: ignore --><trans-unit><source>Baku</source></trans-unit></body></file></xliff>";
        let parsed = parse(xml).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(&xml[parsed.segments[0].range.clone()], "Baku");
        assert_eq!(
            &xml[parsed.directives[0].at.clone()],
            "<!-- termlint: ignore -->"
        );
    }

    #[test]
    fn a_missing_closing_tag_is_an_error_with_an_offset() {
        let err = parse("<xliff><file><body><trans-unit><source>Baku</source>")
            .err()
            .unwrap();
        assert!(err.message.contains("unclosed"), "{}", err.message);
    }
}
