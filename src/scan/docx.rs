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
//! The archive is untrusted: `word/document.xml` may inflate to at most
//! [`MAX_XML`] bytes, whatever its header claims, so a zip bomb costs nothing.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most `word/document.xml` may inflate to.
pub(super) const MAX_XML: u64 = 64 * 1024 * 1024;

/// The paragraphs of a DOCX archive, joined by `\n`.
pub(super) fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX (zip) archive: {e}"))?;
    let mut entry = archive
        .by_name("word/document.xml")
        .map_err(|_| "not a DOCX archive: no word/document.xml".to_owned())?;
    if entry.size() > MAX_XML {
        return Err(too_large(entry.size()));
    }
    let mut xml = Vec::new();
    entry
        .by_ref()
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("cannot inflate word/document.xml: {e}"))?;
    if xml.len() as u64 > MAX_XML {
        return Err(too_large(xml.len() as u64));
    }
    let xml = String::from_utf8(xml).map_err(|e| format!("word/document.xml is not UTF-8: {e}"))?;
    paragraphs(&xml)
}

fn too_large(size: u64) -> String {
    format!(
        "word/document.xml inflates to more than {} MiB ({size} bytes or more); refused",
        MAX_XML >> 20
    )
}

fn paragraphs(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::with_capacity(xml.len() / 4);
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
                _ => {}
            },
            Event::Text(_) if in_text => out.push_str(&xml[start..end]),
            Event::GeneralRef(_) if in_text => out.push(reference(&xml[start..end])),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
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
            paragraphs(xml).unwrap(),
            "Exercises Birlistik-2024\nAT&T in \tBaku"
        );
    }

    #[test]
    fn references() {
        assert_eq!(reference("&#x259;"), 'ə');
        assert_eq!(reference("&#601;"), 'ə');
        assert_eq!(reference("&bogus;"), '\u{FFFD}');
    }
}
