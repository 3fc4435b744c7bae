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
struct Open {
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
        let excluded = matches!(
            name.as_str(),
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
            in_seg: name == "seg" || outer.is_some_and(|o| o.in_seg),
            in_unit: is_unit(&name, dialect) || outer.is_some_and(|o| o.in_unit),
            name,
            lang,
        }
    }
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

// Kept whole: one pass of the XML reader; its events share the open file, unit, segment and
// inline-tag state.
fn parse_as(text: &str, dialect: Dialect) -> Result<Parsed, XmlError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    // A memory's segments, counted before they are read: grown by
    // doubling, the vector of a 500 MB memory's 4.6 million segments
    // reached 470 MB before it was cut to size, the run's peak.
    let segments = match dialect {
        Dialect::Tmx => {
            Vec::with_capacity(memchr::memmem::find_iter(text.as_bytes(), "<seg").count())
        }
        Dialect::Xliff => Vec::new(),
    };
    let mut doc = Xliff {
        target_language: None,
        source_language: None,
        segments,
        units: 0,
        unfinished: Vec::new(),
        untranslatable: Vec::new(),
        tags: Vec::new(),
    };
    let mut open: Vec<Open> = Vec::new();
    let mut run: Option<(Range<usize>, Role)> = None;
    let mut sup = Suppressions {
        pending: Vec::new(),
        unit: None,
        regions: Regions::new(),
        done: Vec::new(),
    };
    loop {
        let start = offset(&reader);
        let event = reader.read_event().map_err(|e| XmlError {
            offset: usize::try_from(reader.error_position()).unwrap_or(start),
            message: e.to_string(),
        })?;
        let end = offset(&reader);
        let role = role(&open, dialect);
        match event {
            // Inline codes do not end a run of text: a name split by them
            // (`Nur-<g id="1">Sultan</g>`) is one segment, whose tags the
            // normaliser folds to nothing (issue 21).
            Event::Start(e) if is_inline(e.local_name().as_ref()) => {
                let name = e.local_name().as_ref().to_owned();
                let inner = Open::new(
                    open.last(),
                    open.len(),
                    name,
                    Attributes::of(&e).language(),
                    false,
                    None,
                    dialect,
                );
                open.push(inner);
            }
            Event::End(e) if is_inline(e.local_name().as_ref()) => {
                open.pop();
            }
            Event::Empty(e) if is_inline(e.local_name().as_ref()) => {}
            Event::Start(e) => {
                flush(&mut doc, &mut run, &open, dialect);
                let attributes = Attributes::of(&e);
                read_languages(&mut doc, &attributes);
                let name = e.local_name().as_ref().to_owned();
                let no_translate = attributes.translate.as_deref() == Some("no");
                if is_unit(&name, dialect) {
                    sup.open_unit(start);
                    doc.units += 1;
                    if no_translate || open.last().is_some_and(|o| o.no_translate) {
                        doc.untranslatable.push(doc.units - 1);
                    }
                }
                // XLIFF 1.2 on `<target>`, 2.x on `<segment>`: one unfinished
                // segment leaves its whole unit unfinished.
                if matches!(name.as_str(), "target" | "segment") && doc.units > 0 {
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
                let role = match (dialect, name.as_str()) {
                    (Dialect::Xliff, "source") => Some(Role::Source),
                    (Dialect::Xliff, "target") => Some(Role::Target),
                    (Dialect::Tmx, "tuv") => Some(tmx_role(lang.as_ref(), &doc)),
                    _ => None,
                };
                let inner = Open::new(
                    open.last(),
                    open.len(),
                    name,
                    lang,
                    no_translate,
                    role,
                    dialect,
                );
                open.push(inner);
            }
            Event::End(e) => {
                flush(&mut doc, &mut run, &open, dialect);
                if is_unit(e.local_name().as_ref(), dialect) {
                    sup.close_unit(end);
                }
                open.pop();
            }
            Event::Comment(_) => sup.comment(&text[start..end], start..end),
            // Refused rather than ignored: entities would be text termlint
            // cannot see, and expanding them is how billion-laughs files
            // eat memory.
            Event::DocType(_) if text[start..end].contains("<!ENTITY") => {
                return Err(XmlError {
                    offset: start + text[start..end].find("<!ENTITY").unwrap_or(0),
                    message: "the DOCTYPE declares entities; termlint never expands DTD entities (a billion-laughs file would exhaust memory), so the text that uses them cannot be checked: remove the declarations".to_owned(),
                });
            }
            Event::Empty(e) => {
                flush(&mut doc, &mut run, &open, dialect);
                read_languages(&mut doc, &Attributes::of(&e));
            }
            Event::Text(_) if open.last().is_some_and(|o| o.name == "note") => {
                sup.comment(&text[start..end], start..end);
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                if let Some(role) = role {
                    match &mut run {
                        // Touching, or after inline codes only.
                        Some((r, _)) if r.end <= start => r.end = end,
                        _ => {
                            flush(&mut doc, &mut run, &open, dialect);
                            run = Some((start..end, role));
                        }
                    }
                }
            }
            Event::CData(_) => {
                flush(&mut doc, &mut run, &open, dialect);
                if let Some(role) = role {
                    // Inside `<![CDATA[` … `]]>`.
                    run = Some((start + 9..end - 3, role));
                    flush(&mut doc, &mut run, &open, dialect);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(XmlError {
            offset: text.len(),
            message: format!("unclosed element <{}>", unclosed.name),
        });
    }
    sup.done.extend(sup.regions.close(text.len()));
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
    use super::parse;

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
    fn a_missing_closing_tag_is_an_error_with_an_offset() {
        let err = parse("<xliff><file><body><trans-unit><source>Baku</source>")
            .err()
            .unwrap();
        assert!(err.message.contains("unclosed"), "{}", err.message);
    }
}
