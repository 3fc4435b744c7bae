//! Reading documents: bytes from disk to [`Document`]s with checkable segments.
//!
//! A document keeps its original text; segments are byte ranges of it that
//! rules should look at, each with its own language where the format says
//! (XLIFF) and whether fixes may be written there. Plain text is one segment
//! (without a UTF-8 BOM, which stays in the text so byte offsets match the
//! file). Each format is a segment extractor: `markdown.rs`, `xliff.rs`.

mod detect;
pub mod directive;
mod docx;
mod html;
mod language;
mod markdown;
mod placeholder;
mod po;
mod walk;
mod xliff;

use std::ops::Range;
use std::path::Path;

use crate::encoding::{Charset, Found};
use crate::error::ScanError;
use crate::lang::LangTag;
pub use directive::Directive;

pub use detect::{detect as detect_language, fits_text, foreign_script, script_name, Detected};
pub(crate) use language::suffix as language_suffix;
pub use language::{named as named_language, resolve as resolve_language};
pub use walk::{display_path, walk, Passed, Walk, Walked};
pub use xliff::{MemoryReader, Unstreamable, Window};

/// One file, ready to check.
#[derive(Debug, Clone)]
pub struct Document {
    /// As given or walked, with `/` separators.
    pub path: String,
    /// The whole file as read.
    pub text: String,
    pub format: Format,
    /// The language of segments that do not declare their own.
    pub language: LangTag,
    /// Whether the format declares `language` (an XLIFF's or PO's target,
    /// an HTML `lang`); if not, it came from the path or the default.
    pub declared: bool,
    /// The charset `text` was decoded from, and how it was found; `None`
    /// for UTF-8.
    pub charset: Option<(Charset, Found)>,
    /// The parts of `text` to check.
    pub segments: Vec<Segment>,
    /// Inline suppressions found in the document's comments.
    pub directives: Vec<Directive>,
    /// Whether directives apply (`--no-inline-config` turns them off).
    pub inline_config: bool,
    /// Translation units that are not finished, by unit number
    /// ([`Parsed::unfinished`]); their segments are still in `segments`.
    pub unfinished: Vec<(usize, &'static str)>,
}

/// What a format extractor found in a text.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    pub segments: Vec<Segment>,
    /// The document language the format declares (an XLIFF's or PO's target).
    pub declared: Option<LangTag>,
    pub directives: Vec<Directive>,
    /// Translation units that are not finished (`crate::states`), by unit
    /// number, in order.
    pub unfinished: Vec<(usize, &'static str)>,
}

/// A part of a document that is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the document's text.
    pub range: Range<usize>,
    /// The segment's own language (an XLIFF source or target), if it has one.
    pub language: Option<LangTag>,
    /// Whether `--fix` may write here (not in an XLIFF source).
    pub fixable: bool,
    /// The translation unit (XLIFF unit, PO entry) it belongs to, and whether
    /// it is the unit's target.
    pub unit: Option<(usize, bool)>,
}

impl Segment {
    /// Prose in the document's language, fixable.
    pub fn text(range: Range<usize>) -> Segment {
        Segment {
            range,
            language: None,
            fixable: true,
            unit: None,
        }
    }
}

/// Phrasing elements that do not break a word: text on both sides of them
/// is one segment, and a name split by them is found (issue 21).
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins", "mark",
    "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// How a file is read, by its extension (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Xliff,
    Po,
    /// Read-only: the text is extracted from the archive.
    Docx,
    Html,
    /// A translation memory (TMX 1.1–1.4): each `<tu>` a unit, read-only.
    Tmx,
}

impl Format {
    /// Whether character references (`&amp;`) stand for characters and
    /// inline tags inside a segment are markup, not text (HTML; Markdown,
    /// whose references CommonMark decodes and whose inline HTML may split
    /// a name: `Nur-<b>Sultan</b>`; XLIFF, with inline codes).
    pub fn is_markup(self) -> bool {
        matches!(
            self,
            Format::Html | Format::Markdown | Format::Xliff | Format::Tmx
        )
    }

    /// How the format writes characters other than as themselves, for the
    /// normaliser.
    pub fn syntax(self) -> crate::normalize::Syntax {
        if self == Format::Po {
            crate::normalize::Syntax::CString
        } else if self.is_markup() {
            crate::normalize::Syntax::Markup
        } else {
            crate::normalize::Syntax::Plain
        }
    }

    /// Whether a file of the format pairs each source with its
    /// translation (PO, XLIFF, TMX).
    pub fn is_bilingual(self) -> bool {
        matches!(self, Format::Po | Format::Xliff | Format::Tmx)
    }

    /// Whether the format holds programs' message strings, whose
    /// placeholders (`%s`, `{0}`) are no text (`placeholder`).
    pub fn has_placeholders(self) -> bool {
        self.is_bilingual()
    }

    /// The parts of `ranges` of `text` that a reader of the finished text
    /// sees as words and numbers: without inline tags (markup), a PO
    /// string's escapes and line joins, and placeholders (catalogues). The
    /// rules read these: near-miss never takes a tag's name or the `n` of
    /// `\n` for a word, nor number-mismatch `%1$s` for the number 1.
    pub fn readable(self, text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
        use crate::normalize::Syntax;
        let syntax = self.syntax();
        let placeholders = self.has_placeholders();
        if syntax == Syntax::Plain && !placeholders {
            return ranges.to_vec();
        }
        let hidden = |rest: &str| -> Option<usize> {
            let len = match rest.as_bytes()[0] {
                b'<' if syntax == Syntax::Markup => {
                    crate::normalize::markup_len(rest).map(|(n, _)| n)
                }
                b'\\' if syntax == Syntax::CString => {
                    crate::normalize::c_escape(rest).map(|(n, _)| n)
                }
                b'"' if syntax == Syntax::CString => crate::normalize::join_len(rest),
                b'%' | b'{' | b'$' if placeholders => placeholder::placeholder_len(rest),
                _ => None,
            };
            len.filter(|&n| n > 0)
        };
        let opens = Format::hidden_starts(syntax, placeholders);
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(ranges.len());
        for r in ranges {
            let mut start = r.start;
            let mut at = r.start;
            while let Some(i) = bytes[at..r.end]
                .iter()
                .position(|&b| opens[usize::from(b)])
                .map(|i| at + i)
            {
                match hidden(&text[i..r.end]) {
                    Some(len) => {
                        if i > start {
                            out.push(start..i);
                        }
                        start = i + len;
                        at = start;
                    }
                    None => at = i + 1,
                }
            }
            if r.end > start {
                out.push(start..r.end);
            }
        }
        out
    }

    /// The bytes that may start what [`Format::readable`] leaves out,
    /// searched as bytes (a search for a set of chars decoded every
    /// character of every unit: a twentieth of checking a catalogue).
    fn hidden_starts(syntax: crate::normalize::Syntax, placeholders: bool) -> [bool; 256] {
        use crate::normalize::Syntax;
        crate::normalize::byte_set(match (syntax, placeholders) {
            (Syntax::Markup, true) => b"<%{$",
            (Syntax::Markup, false) => b"<",
            (Syntax::CString, _) => b"\\\"%{$",
            _ => b"%{$",
        })
    }

    /// Whether `gap`, between two pieces of text, holds only inline tags
    /// (`</b>`, `<span class="x">`): the text on both sides reads as one.
    pub(crate) fn only_inline_tags(gap: &str) -> bool {
        let mut rest = gap;
        while !rest.is_empty() {
            let Some(len) = crate::normalize::tag_len(rest) else {
                return false;
            };
            if !INLINE.contains(&crate::normalize::tag_name(&rest[..len]).as_str()) {
                return false;
            }
            rest = &rest[len..];
        }
        !gap.is_empty()
    }
}

impl Format {
    /// How a file named on the command line is read: by its extension, and
    /// as plain text when the extension is not a known format.
    pub fn from_path(path: &Path) -> Format {
        Format::known(path).unwrap_or(Format::Plain)
    }

    /// The document format of `path`'s extension, or `None` when files
    /// with it are not documents (term bases, spreadsheets, source code,
    /// anything unknown): a walk skips those (issue 22, SPEC §5).
    pub fn known(path: &Path) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)?;
        EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|&(_, format)| format)
    }

    /// Whether termlint reads files of this format but never writes them.
    pub fn is_read_only(self) -> bool {
        matches!(self, Format::Docx | Format::Tmx)
    }
}

/// Every extension of a document termlint reads, and its format: what a
/// walk checks, and what the pre-commit hook's `files` pattern lists (a
/// test holds the two together).
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Plain),
    ("text", Format::Plain),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    // The CAT tools' dialects are XLIFF 1.2 with elements of their own,
    // which the reader skips: SDL Trados Studio, memoQ, Phrase.
    ("xlf", Format::Xliff),
    ("xliff", Format::Xliff),
    ("sdlxliff", Format::Xliff),
    ("mqxliff", Format::Xliff),
    ("mxliff", Format::Xliff),
    ("po", Format::Po),
    ("pot", Format::Po),
    ("docx", Format::Docx),
    ("tmx", Format::Tmx),
];

impl Document {
    /// Whether fixes may be written over `range`.
    pub fn is_fixable(&self, range: &Range<usize>) -> bool {
        self.fixable_test()(range)
    }

    /// [`Self::is_fixable`] for many ranges of this document: by binary
    /// search where its segments are in order and apart, as every reader
    /// makes them (an HTML file of 300,000 paragraphs asked its segments
    /// one by one for each of its 8,000 findings: 1.7 s). The first
    /// segment that holds the range decides.
    pub fn fixable_test(&self) -> impl Fn(&Range<usize>) -> bool + '_ {
        let in_order = self
            .segments
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start);
        move |range| {
            let holds = |s: &&Segment| s.range.start <= range.start && range.end <= s.range.end;
            // An empty range may sit at the end of one segment and the
            // start of the next, of which the first decides.
            if !in_order || range.is_empty() {
                return self.segments.iter().find(holds).is_some_and(|s| s.fixable);
            }
            // Segments in order and apart: only the last one that starts
            // at or before the range can hold it.
            let after = self
                .segments
                .partition_point(|s| s.range.start <= range.start);
            after
                .checked_sub(1)
                .map(|i| &self.segments[i])
                .filter(holds)
                .is_some_and(|s| s.fixable)
        }
    }

    /// The ranges of the segments in the document's own language (an
    /// XLIFF's targets, not its sources): what is checked, and what
    /// `suggest` reads.
    pub fn own_segments(&self) -> Vec<Range<usize>> {
        self.segments
            .iter()
            .filter(|s| s.language.as_ref().is_none_or(|l| *l == self.language))
            .map(|s| s.range.clone())
            .collect()
    }
}

/// What reading a path gave.
#[derive(Debug)]
pub enum Loaded {
    Document(Document),
    /// Skipped: the file looks binary (a NUL byte in its first 8 KiB).
    Binary,
}

/// Bytes ripgrep also looks at to decide that a file is binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// Reads `path` and decodes it as UTF-8 text in `language`, in the format
/// its extension says.
pub fn read(path: &Path, display: &str, language: LangTag) -> Result<Loaded, ScanError> {
    read_in(path, display, language, None)
}

/// [`read`], reading a file that is not UTF-8 in `named` (`--encoding`)
/// before what it declares or what its bytes suggest.
pub fn read_in(
    path: &Path,
    display: &str,
    language: LangTag,
    named: Option<Charset>,
) -> Result<Loaded, ScanError> {
    let bytes = read_bytes(path, display)?;
    from_bytes_in(bytes, display, language, Format::from_path(path), named)
}

/// Files from this size on are read in pieces on every thread.
const READ_IN_PIECES_FROM: u64 = 16 << 20;
const READ_PIECE: usize = 4 << 20;

fn read_bytes(path: &Path, display: &str) -> Result<Vec<u8>, ScanError> {
    let file = std::fs::File::open(path).map_err(|e| ScanError::io(display, e))?;
    let too_large = || ScanError::TooLarge {
        path: display.to_owned(),
        limit: MAX_FILE_SIZE,
    };
    let regular_size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(size) = regular_size {
        if size > MAX_FILE_SIZE {
            return Err(too_large());
        }
        if size >= READ_IN_PIECES_FROM {
            if let Some(bytes) = read_in_pieces(&file, size) {
                return Ok(bytes);
            }
        }
        // Its size is known: one buffer of that size (and a byte to see
        // that it grew), still bounded if it grows while being read.
        use std::io::Read as _;
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
        file.take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ScanError::io(display, e))?;
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(too_large());
        }
        return Ok(bytes);
    }
    // Bounded, so that a device named on the command line (/dev/zero) or a
    // runaway generated file cannot take all memory.
    read_capped(file, MAX_FILE_SIZE)
        .map_err(|e| ScanError::io(display, e))?
        .ok_or_else(too_large)
}

/// Everything `reader` gives, or `None` once it gives more than `cap`
/// bytes. It is read into pieces of growing size, never more than `cap + 1`
/// bytes in all, and joined at the end: a growing buffer would be copied at
/// each doubling, and `read_to_end` reached 5 GB of memory on /dev/zero
/// before its 2 GiB check could say no.
fn read_capped(reader: impl std::io::Read, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let limit = usize::try_from(cap).unwrap_or(usize::MAX).saturating_add(1);
    let mut reader = reader.take(limit as u64);
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    loop {
        let size = total.max(64 << 10).min(limit - total);
        if size == 0 {
            break;
        }
        let mut piece = vec![0; size];
        let mut filled = 0;
        while filled < size {
            match reader.read(&mut piece[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        piece.truncate(filled);
        total += filled;
        pieces.push(piece);
        if filled < size {
            break;
        }
    }
    if total >= limit {
        return Ok(None);
    }
    Ok(Some(match pieces.len() {
        1 => pieces.pop().unwrap_or_default(),
        _ => pieces.concat(),
    }))
}

/// A large file read by all threads at once, each piece at its offset, or
/// `None` if it changed size meanwhile (the caller reads it as it is now).
///
/// One `read` of 100 MB from the page cache takes about 0.05 s (copying
/// and faulting in fresh pages), all of it before the file's chunks can be
/// checked in parallel; pieces copy on every core at once (wall 0.96× on
/// one 100 MB file). Memory mapping would avoid the copy but needs
/// `unsafe`.
#[cfg(unix)]
fn read_in_pieces(file: &std::fs::File, len: u64) -> Option<Vec<u8>> {
    use rayon::prelude::{IndexedParallelIterator, ParallelIterator, ParallelSliceMut};
    use std::os::unix::fs::FileExt;
    // Zeroed memory comes from the allocator untouched: the reads fault it in.
    let mut bytes = vec![0; usize::try_from(len).ok()?];
    let read = bytes
        .par_chunks_mut(READ_PIECE)
        .enumerate()
        .try_for_each(|(k, piece)| file.read_exact_at(piece, (k * READ_PIECE) as u64));
    let mut probe = [0; 1];
    let same_size = matches!(file.read_at(&mut probe, len), Ok(0));
    (read.is_ok() && same_size).then_some(bytes)
}

#[cfg(not(unix))]
fn read_in_pieces(_: &std::fs::File, _: u64) -> Option<Vec<u8>> {
    None
}

/// How a catalogue (XLIFF, TMX, PO) of `len` bytes is read in chunks on
/// every core: the chunks' size and how many are read at a time; `None` to
/// read it in one piece (a file under 256 KB, or one thread).
fn chunking(len: usize) -> Option<(usize, usize)> {
    const CHUNKED_FROM: usize = 256 << 10;
    let threads = rayon::current_num_threads();
    (threads > 1 && len >= CHUNKED_FROM).then(|| {
        (
            (len / (8 * threads)).clamp(CHUNKED_FROM / 4, 1 << 20),
            4 * threads,
        )
    })
}

/// Whether a catalogue read in chunks (`chunked`, `None` if the chunked
/// reader gave up) reads as it reads whole (`whole`, `None` if it is
/// malformed): the same, or given up; always given up on a malformed file,
/// whose error only the whole file's reading reports.
#[cfg(test)]
fn reads_as_whole(chunked: Option<&Parsed>, whole: Option<&Parsed>) -> bool {
    match whole {
        Some(whole) => chunked.is_none_or(|c| c == whole),
        None => chunked.is_none(),
    }
}

/// Asserts that a well-formed catalogue is read in chunks of 100, 1,000
/// and 10,000 bytes (`chunked` of a size), and as it reads whole.
#[cfg(test)]
fn assert_read_in_chunks(whole: &Parsed, chunked: impl Fn(usize) -> Option<Parsed>) {
    for size in [100, 1_000, 10_000] {
        let read = chunked(size);
        assert!(read.is_some(), "chunks of {size} bytes: not read in chunks");
        assert!(read.as_ref() == Some(whole), "chunks of {size} bytes");
    }
}

/// The largest file termlint reads (it holds each file in memory while
/// checking it).
pub const MAX_FILE_SIZE: u64 = 2 << 30;

/// Decodes `bytes` read from `display` as plain text.
pub fn from_bytes(bytes: Vec<u8>, display: &str, language: LangTag) -> Result<Loaded, ScanError> {
    from_bytes_as(bytes, display, language, Format::Plain)
}

/// Decodes `bytes` read from `display` in `format`.
pub fn from_bytes_as(
    bytes: Vec<u8>,
    display: &str,
    language: LangTag,
    format: Format,
) -> Result<Loaded, ScanError> {
    from_bytes_in(bytes, display, language, format, None)
}

/// [`from_bytes_as`], reading bytes that are not UTF-8 in `named` first.
// Kept whole: the decision of how to read bytes (BOM, declared charset, detected charset, UTF-8)
// is one ordered chain of fallbacks.
pub fn from_bytes_in(
    bytes: Vec<u8>,
    display: &str,
    language: LangTag,
    format: Format,
    named: Option<Charset>,
) -> Result<Loaded, ScanError> {
    if format == Format::Docx {
        let docx::Extracted { text, comments } =
            docx::extract(&bytes).map_err(|message| ScanError::Archive {
                path: display.to_owned(),
                message,
            })?;
        let mut directives = line_directives(&text);
        directives.extend(comment_directives(&text, &comments));
        return Ok(Loaded::Document(Document {
            path: display.to_owned(),
            segments: paragraph_segments(&text),
            text,
            format,
            language,
            charset: None,
            declared: false,
            directives,
            inline_config: true,
            unfinished: Vec::new(),
        }));
    }
    // Ranges are into the decoded text; `--fix` writes the text back in
    // the charset it was read in (crate::encoding).
    let mut charset = None;
    let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
    let bytes = match crate::encoding::utf16(head).or(named.filter(|c| is_utf16(*c))) {
        Some(utf16) => {
            let text = utf16.decode(&bytes).ok_or_else(|| ScanError::Encoding {
                path: display.to_owned(),
                encoding: "invalid UTF-16 (an unpaired surrogate)",
            })?;
            let found = match utf16 {
                Charset::Utf16 { bom: true, .. } => Found::Declared,
                _ if named == Some(utf16) => Found::Named,
                _ => Found::Detected,
            };
            charset = Some((utf16, found));
            text.into_bytes()
        }
        None => bytes,
    };
    let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if head.contains(&0) {
        return Ok(Loaded::Binary);
    }
    let text = match utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let declared = matches!(
                format,
                Format::Po | Format::Xliff | Format::Html | Format::Tmx
            )
            .then(|| declared_charset(bytes))
            .flatten()
            .and_then(|label| Charset::for_label(&label));
            let tried = [
                (named, Found::Named),
                (declared, Found::Declared),
                (crate::encoding::detect(bytes), Found::Detected),
            ];
            let read = tried.into_iter().find_map(|(c, found)| {
                let c = c.filter(|c| !is_utf16(*c))?;
                c.decode(bytes).map(|text| (text, c, found))
            });
            match read {
                Some((text, c, found)) => {
                    charset = Some((c, found));
                    text
                }
                None => return Err(invalid_utf8(bytes, e.utf8_error().valid_up_to(), display)),
            }
        }
    };
    let parsed = parse(format, &text).map_err(|(offset, message)| {
        let p = crate::position::LineIndex::new(&text).position(offset.min(text.len()));
        ScanError::Parse {
            path: display.to_owned(),
            line: p.line,
            column: p.column,
            message,
        }
    })?;
    Ok(Loaded::Document(Document {
        path: display.to_owned(),
        text,
        format,
        charset,
        declared: parsed.declared.is_some(),
        language: parsed.declared.unwrap_or(language),
        segments: parsed.segments,
        directives: parsed.directives,
        inline_config: true,
        unfinished: parsed.unfinished,
    }))
}

/// `bytes` as text. std's validation decodes every character outside
/// ASCII (about 1 GB/s on the 21-language corpus, an eighth of a check);
/// a SIMD validator answers with a borrowed `&str`, and copying that into
/// a `String` (without `unsafe`, the only way not to validate twice) runs
/// at memory speed. A large file keeps std's validation: its copy would
/// fault in as many fresh pages again, and large files are mostly the
/// ASCII-heavy ones std is fast on.
fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if bytes.len() < READ_IN_PIECES_FROM as usize {
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
            return Ok(text.to_owned());
        }
    }
    // Invalid text too: std's error says where.
    String::from_utf8(bytes)
}

fn is_utf16(charset: Charset) -> bool {
    matches!(charset, Charset::Utf16 { .. })
}

/// What `text` holds in `format`. Errors: byte offset and message.
pub fn parse(format: Format, text: &str) -> Result<Parsed, (usize, String)> {
    let body = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    Ok(match format {
        Format::Plain => Parsed {
            segments: std::iter::once(body..text.len())
                .filter(|r| !r.is_empty())
                .map(Segment::text)
                .collect(),
            declared: None,
            directives: line_directives(text),
            unfinished: Vec::new(),
        },
        // Parsers see the text after the BOM (quick-xml skips a BOM without
        // counting it, which shifted every XLIFF range by three bytes); their
        // ranges are shifted back here.
        Format::Markdown => {
            let (segments, directives) = markdown::parse(&text[body..]);
            shifted(
                Parsed {
                    segments,
                    declared: None,
                    directives,
                    unfinished: Vec::new(),
                },
                body,
            )
        }
        Format::Xliff => shifted(
            xliff::parse(&text[body..]).map_err(|e| (e.offset + body, e.message))?,
            body,
        ),
        Format::Tmx => shifted(
            xliff::parse_tmx(&text[body..]).map_err(|e| (e.offset + body, e.message))?,
            body,
        ),
        Format::Po => shifted(
            po::parse(&text[body..]).map_err(|(at, m)| (at + body, m))?,
            body,
        ),
        Format::Html => shifted(html::parse(&text[body..]), body),
        Format::Docx => Parsed {
            segments: paragraph_segments(text),
            declared: None,
            directives: Vec::new(),
            unfinished: Vec::new(),
        },
    })
}

/// `parsed`, its ranges moved `by` bytes later.
fn shifted(mut parsed: Parsed, by: usize) -> Parsed {
    let shift = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    parsed.segments.iter_mut().for_each(|s| shift(&mut s.range));
    for d in &mut parsed.directives {
        shift(&mut d.at);
        shift(&mut d.silences);
    }
    parsed
}

/// One read-only segment per non-empty line (a DOCX paragraph).
fn paragraph_segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.push(Segment {
                range: at..at + line.len(),
                language: None,
                fixable: false,
                unit: None,
            });
        }
        at += line.len() + 1;
    }
    out
}

/// The `termlint: ignore` directives of Word comments: each silences the
/// paragraph (line of `text`) its comment is attached to, and is reported
/// there if it silences nothing.
fn comment_directives(text: &str, comments: &[(usize, String)]) -> Vec<Directive> {
    let lines: Vec<Range<usize>> = {
        let mut start = 0;
        text.split('\n')
            .map(|line| {
                let range = start..start + line.len();
                start = range.end + 1;
                range
            })
            .collect()
    };
    comments
        .iter()
        .filter_map(|(paragraph, comment)| {
            let line = lines.get(*paragraph)?.clone();
            match directive::parse(comment.trim()) {
                Some(directive::Command::Ignore(names)) => Some(Directive {
                    at: line.clone(),
                    silences: line,
                    names,
                }),
                _ => None,
            }
        })
        .collect()
}

/// Plain text has no comments: a line whose text is a directive (after an
/// optional `#`, `//` or `<!--`) is one.
fn line_directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut regions = directive::Regions::new();
    // Only lines that contain the word can be directives: memchr finds it
    // with SIMD, where going through every line was 4% of `check` on a
    // 100 MB file.
    let mut looked_up_to = 0;
    for hit in memchr::memmem::find_iter(text.as_bytes(), b"termlint:") {
        if hit < looked_up_to {
            continue;
        }
        let start = text[..hit].rfind('\n').map_or(0, |i| i + 1);
        let end = text[hit..].find('\n').map_or(text.len(), |i| hit + i + 1);
        looked_up_to = end;
        let line = &text[start..end];
        let at = start..start + line.trim_end().len();
        let bare = line
            .trim()
            .trim_start_matches(['#', '/', '<', '!', '-', ';'])
            .trim_start();
        if !bare.starts_with("termlint:") {
            continue;
        }
        match directive::parse(bare) {
            Some(directive::Command::Ignore(names)) => out.push(Directive {
                silences: directive::next_line(text, at.start),
                at,
                names,
            }),
            Some(c) => out.extend(regions.feed(&c, at)),
            None => {}
        }
    }
    out.extend(regions.close(text.len()));
    out
}

fn invalid_utf8(bytes: &[u8], offset: usize, display: &str) -> ScanError {
    // The prefix up to `offset` is valid UTF-8 by definition.
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let position = crate::position::LineIndex::new(valid).position(offset);
    ScanError::InvalidUtf8 {
        path: display.to_owned(),
        offset,
        line: position.line,
        column: position.column,
        declared: declared_charset(bytes),
    }
}

/// The charset a file declares near its start, other than UTF-8: a PO
/// header's `charset=ISO-8859-2`, an XML or HTML `encoding="windows-1251"`
/// or `<meta charset=...>`. Read as ASCII, which every such declaration is.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let lower = head.to_ascii_lowercase();
    ["charset=", "encoding="].iter().find_map(|key| {
        let at = lower.find(key)? + key.len();
        let value: String = head[at..]
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .collect();
        (!value.is_empty()
            && !value.eq_ignore_ascii_case("utf-8")
            && !value.eq_ignore_ascii_case("utf8"))
        .then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::{from_bytes, Loaded};
    use crate::error::ScanError;
    use crate::lang::LangTag;

    #[test]
    fn the_fixable_test_answers_as_the_first_segment_that_holds_the_range() {
        use super::{Document, Format, Segment};
        // Segments in order and apart (with gaps, touching, empty), and
        // out of order or overlapping, fixable or not by turns; every
        // range of a 24-byte text, empty ones too.
        let layouts: Vec<Vec<(usize, usize)>> = vec![
            vec![],
            vec![(0, 24)],
            vec![(0, 4), (4, 8), (10, 10), (10, 15), (18, 24)],
            vec![(2, 6), (6, 6), (6, 9), (12, 20)],
            vec![(10, 15), (0, 4), (4, 12)],
            vec![(0, 12), (3, 20), (5, 8), (20, 24)],
        ];
        for layout in layouts {
            let doc = Document {
                path: "t.txt".into(),
                text: "x".repeat(24),
                format: Format::Plain,
                language: LangTag::parse("en").unwrap(),
                declared: false,
                charset: None,
                segments: layout
                    .iter()
                    .enumerate()
                    .map(|(k, &(start, end))| Segment {
                        fixable: k % 2 == 0,
                        ..Segment::text(start..end)
                    })
                    .collect(),
                directives: Vec::new(),
                inline_config: true,
                unfinished: Vec::new(),
            };
            let fast = doc.fixable_test();
            for start in 0..=24 {
                for end in start..=24 {
                    let slow = doc
                        .segments
                        .iter()
                        .find(|s| s.range.start <= start && end <= s.range.end)
                        .is_some_and(|s| s.fixable);
                    assert_eq!(fast(&(start..end)), slow, "{layout:?} {start}..{end}");
                }
            }
        }
    }

    fn en() -> LangTag {
        LangTag::parse("en").unwrap()
    }

    #[test]
    fn an_endless_reader_stops_at_the_cap_without_growing_past_it() {
        let endless = std::io::repeat(0);
        assert_eq!(super::read_capped(endless, 1 << 20).unwrap(), None);
        let short = &b"Astana"[..];
        assert_eq!(
            super::read_capped(short, 6).unwrap().as_deref(),
            Some(&b"Astana"[..])
        );
        assert_eq!(super::read_capped(short, 5).unwrap(), None);
    }

    #[test]
    fn plain_text_directives_are_whole_lines() {
        let text = "see termlint: docs, termlint: ignore\n# termlint: ignore\nBaku\n  // termlint: off case\r\nBaku\ntermlint: on";
        let found = super::line_directives(text);
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            i..i + s.len()
        };
        assert_eq!(
            found,
            [
                super::Directive {
                    at: at("# termlint: ignore"),
                    silences: at("Baku"),
                    names: vec![],
                },
                super::Directive {
                    at: at("  // termlint: off case"),
                    silences: at("  // termlint: off case").end..at("termlint: on").start,
                    names: vec!["case".to_owned()],
                },
            ]
        );
        assert!(super::line_directives("termlint:").is_empty());
    }

    #[test]
    fn bom_stays_in_text_but_not_in_segments() {
        let Ok(Loaded::Document(d)) = from_bytes(b"\xEF\xBB\xBFBaku".to_vec(), "a.txt", en())
        else {
            panic!()
        };
        assert_eq!(d.segments, [super::Segment::text(3..7)]);
    }

    #[test]
    fn a_bom_does_not_shift_ranges_in_any_format() {
        let cases = [
            (super::Format::Xliff, "<xliff><file><unit><segment><source>to Zermatt</source></segment></unit></file></xliff>"),
            (super::Format::Po, "msgid \"to Zermatt\"\nmsgstr \"\"\n"),
            (super::Format::Html, "<p>to Zermatt</p>"),
            (super::Format::Markdown, "to Zermatt\n"),
            (super::Format::Plain, "to Zermatt"),
        ];
        for (format, body) in cases {
            let text = format!("\u{FEFF}{body}");
            let parsed =
                super::parse(format, &text).unwrap_or_else(|e| panic!("{format:?}: {e:?}"));
            let segment = parsed
                .segments
                .iter()
                .find(|s| text[s.range.clone()].contains("Zermatt"));
            assert!(
                segment.is_some_and(|s| text[s.range.clone()].trim() == "to Zermatt"),
                "{format:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_names_line_column_and_offset() {
        let err = from_bytes(b"ok\nab\xFFcd".to_vec(), "bad.txt", en()).unwrap_err();
        assert!(matches!(
            err,
            ScanError::InvalidUtf8 {
                offset: 5,
                line: 2,
                column: 3,
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "bad.txt:2:3: invalid UTF-8 at byte offset 5; its charset could not be told from its text: name it with --encoding (such as -E windows-1252, or [files] encoding in glossary.toml), or convert the file to UTF-8 (iconv -f ITS-CHARSET -t UTF-8)"
        );
        // A catalogue that declares a charset termlint cannot read is told
        // how to convert it.
        let po = b"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=X-MAC-KLINGON\\n\"\n\nmsgid \"a\"\nmsgstr \"\xC0\"\n";
        let err = super::from_bytes_as(po.to_vec(), "ru.po", en(), super::Format::Po).unwrap_err();
        assert!(
            err.to_string().ends_with("the file declares charset X-MAC-KLINGON: convert it to UTF-8 (iconv -f X-MAC-KLINGON -t UTF-8; for a PO catalogue, msgconv --to-code=UTF-8) and change the declaration"),
            "{err}"
        );
    }

    #[test]
    fn utf8_answers_what_std_answers() {
        let long_ascii = "Astana ".repeat(40);
        let cases: [&[u8]; 8] = [
            b"",
            long_ascii.as_bytes(),
            "Oʻzbekiston, Қазақстан, 日本, Việt Nam".as_bytes(),
            b"ab\xFFcd",
            b"truncated \xE6\x97",
            b"\xC0\x80 overlong",
            b"\xED\xA0\x80 surrogate",
            b"\xF4\x90\x80\x80 past U+10FFFF",
        ];
        for bytes in cases {
            let ours = super::utf8(bytes.to_vec()).map_err(|e| e.utf8_error().valid_up_to());
            let std = String::from_utf8(bytes.to_vec()).map_err(|e| e.utf8_error().valid_up_to());
            assert_eq!(ours, std, "{bytes:?}");
        }
    }

    #[test]
    fn nul_means_binary_and_empty_is_fine() {
        assert!(matches!(
            from_bytes(b"a\0b".to_vec(), "x", en()),
            Ok(Loaded::Binary)
        ));
        let Ok(Loaded::Document(d)) = from_bytes(Vec::new(), "e.txt", en()) else {
            panic!()
        };
        assert!(d.segments.is_empty());
    }
}
