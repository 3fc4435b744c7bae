//! DOCX: the text of `word/document.xml`, one paragraph per line.
//!
//! Runs are joined across formatting ("Birl" in bold + "istik-2024" reads
//! "Birlistik-2024"), so a name split by a style change is still found. The
//! document's text is this extraction, not the archive's bytes: a finding's
//! line is the paragraph number and its column the character offset in the
//! paragraph (plus one). Tabs become tabs, line breaks inside a paragraph
//! spaces; deleted text of tracked changes and field codes are not read.
//! DOCX is read-only: termlint never writes into an archive.
//!
//! Directives: a paragraph that reads `termlint: ignore …` silences the next
//! paragraph, as a comment line does in text; a Word comment that reads so
//! silences the paragraph it is attached to (the comment is on that text,
//! not before it). Comments come from `word/comments.xml`, under the same
//! bound.
//!
//! The archive is untrusted: `word/document.xml` may inflate to at most
//! [`MAX_XML`] bytes, whatever its header claims, so a zip bomb costs nothing.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most `word/document.xml` may inflate to.
pub(super) const MAX_XML: u64 = 64 * 1024 * 1024;

/// A DOCX archive's text and the Word comments attached to it.
pub(super) struct Extracted {
    /// The paragraphs, joined by `\n`.
    pub(super) text: String,
    /// Each comment's paragraph (0-based) and text.
    pub(super) comments: Vec<(usize, String)>,
}

/// The paragraphs of a DOCX archive and its comments.
pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX (zip) archive: {e}"))?;
    let xml = part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "not a DOCX archive: no word/document.xml".to_owned())?;
    let (text, anchors) = paragraphs(&xml)?;
    let mut comments = Vec::new();
    if !anchors.is_empty() {
        if let Some(xml) = part(&mut archive, "word/comments.xml")? {
            let texts = comment_texts(&xml)?;
            for (paragraph, id) in anchors {
                if let Some(text) = texts.get(&id) {
                    comments.push((paragraph, text.clone()));
                }
            }
        }
    }
    Ok(Extracted { text, comments })
}

/// The archive member `name` as text, inflating at most [`MAX_XML`] bytes;
/// `None` if the archive has none.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let Ok(mut entry) = archive.by_name(name) else {
        return Ok(None);
    };
    if entry.size() > MAX_XML {
        return Err(too_large(name, entry.size()));
    }
    let mut xml = Vec::new();
    entry
        .by_ref()
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("cannot inflate {name}: {e}"))?;
    if xml.len() as u64 > MAX_XML {
        return Err(too_large(name, xml.len() as u64));
    }
    String::from_utf8(xml)
        .map(Some)
        .map_err(|e| format!("{name} is not UTF-8: {e}"))
}

fn too_large(name: &str, size: u64) -> String {
    format!(
        "{name} inflates to more than {} MiB ({size} bytes or more); refused",
        MAX_XML >> 20
    )
}

/// The `w:id` attribute of a comment element.
fn comment_id(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "id")
        .map(|a| a.value.into_owned())
}

/// `word/comments.xml`: each comment's text by id, paragraphs joined by
/// spaces.
fn comment_texts(xml: &str) -> Result<std::collections::HashMap<String, String>, String> {
    let xml = without_bom(xml);
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = std::collections::HashMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        let start = position(&reader);
        let event = reader
            .read_event()
            .map_err(|e| format!("word/comments.xml: {e}"))?;
        let end = position(&reader);
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "comment" => current = comment_id(&e).map(|id| (id, String::new())),
                "p" => {
                    if let Some((_, text)) = &mut current {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                    }
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "comment" => {
                    if let Some((id, text)) = current.take() {
                        out.insert(id, text);
                    }
                }
                _ => {}
            },
            Event::Text(_) if in_text => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&xml[start..end]);
                }
            }
            Event::GeneralRef(_) if in_text => {
                if let Some((_, text)) = &mut current {
                    text.push(reference(&xml[start..end]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The paragraphs, joined by `\n`, and the comments anchored in them:
/// (paragraph, comment id).
fn paragraphs(xml: &str) -> Result<(String, Vec<(usize, String)>), String> {
    let xml = without_bom(xml);
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut anchors = Vec::new();
    let mut in_text = false;
    let mut paragraphs = 0usize;
    loop {
        let start = position(&reader);
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml: {e}"))?;
        let end = position(&reader);
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    if paragraphs > 0 {
                        out.push('\n');
                    }
                    paragraphs += 1;
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push(' '),
                "commentRangeStart" => {
                    if let Some(id) = comment_id(&e) {
                        anchors.push((paragraphs.saturating_sub(1), id));
                    }
                }
                _ => {}
            },
            Event::Text(_) if in_text => out.push_str(&xml[start..end]),
            Event::GeneralRef(_) if in_text => out.push(reference(&xml[start..end])),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, anchors))
}

/// `xml` after its byte-order mark, if it has one: the XML reader skips a
/// mark without counting it in its positions, which then fall inside it.
fn without_bom(xml: &str) -> &str {
    xml.strip_prefix('\u{feff}').unwrap_or(xml)
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// `&amp;` → `&`, `&#x259;` → `ə`; anything else → U+FFFD.
fn reference(raw: &str) -> char {
    let name = raw.trim_start_matches('&').trim_end_matches(';');
    let code = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            Some(hex) => code(hex, 16),
            None => name.strip_prefix('#').and_then(|dec| code(dec, 10)),
        },
    };
    decoded.unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::{paragraphs, reference};

    #[test]
    fn runs_join_across_formatting_and_paragraphs_are_lines() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>Exercises </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Birl</w:t></w:r><w:r><w:t>istik-2024</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">AT&amp;T in </w:t><w:tab/><w:t>Baku</w:t></w:r><w:r><w:delText>gone</w:delText><w:instrText>HYPERLINK</w:instrText></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml).unwrap().0,
            "Exercises Birlistik-2024\nAT&T in \tBaku"
        );
        let marked = format!("\u{feff}{xml}");
        assert_eq!(paragraphs(&marked).unwrap().0, paragraphs(xml).unwrap().0);
    }

    #[test]
    fn comments_are_anchored_in_their_paragraph() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>One</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Two</w:t></w:r><w:commentRangeEnd w:id="7"/></w:p>
</w:body></w:document>"#;
        let (text, anchors) = paragraphs(xml).unwrap();
        assert_eq!(text, "One\nTwo");
        assert_eq!(anchors, [(1, "7".to_owned())]);
        let comments = r#"<w:comments xmlns:w="w"><w:comment w:id="7" w:author="Ed"><w:p><w:r><w:t>termlint: ignore</w:t></w:r><w:r><w:t xml:space="preserve"> near-miss</w:t></w:r></w:p></w:comment></w:comments>"#;
        let texts = super::comment_texts(comments).unwrap();
        assert_eq!(texts["7"], "termlint: ignore near-miss");
    }

    #[test]
    fn references() {
        assert_eq!(reference("&#x259;"), 'ə');
        assert_eq!(reference("&#601;"), 'ə');
        assert_eq!(reference("&bogus;"), '\u{FFFD}');
    }
}
