//! Text that is not UTF-8: which charset a file is in, the text it holds,
//! and the bytes a fixed text becomes in that charset again.
//!
//! Real trees hold UTF-16 files (what Windows tools call "Unicode") and
//! legacy charsets (Windows-1251 Russian, Latin-1 German). A file is read
//! as UTF-8 when it is valid UTF-8; otherwise in the charset named on the
//! command line (`--encoding`) or in glossary.toml, or declared by the file
//! itself (a PO header's `charset=`, XML's `encoding=`), or detected by
//! `chardetng` (Firefox's detector) when the file has enough non-ASCII text
//! to tell and decodes without a malformed byte. A file none of these reads
//! is an error, as before.

use encoding_rs::Encoding;

/// A charset termlint reads and writes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// UTF-16 in either byte order, with or without a byte-order mark.
    Utf16 { little_endian: bool, bom: bool },
    /// A WHATWG encoding other than UTF-8 and UTF-16 (`windows-1251`,
    /// `ISO-8859-2`, `Shift_JIS`).
    Legacy(&'static Encoding),
}

/// How the charset of a file was found, for the note that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// `--encoding` or `[files] encoding`.
    Named,
    /// The file says so (a byte-order mark, a PO or XML declaration).
    Declared,
    /// Detected from the bytes.
    Detected,
}

impl Charset {
    /// The charset for a WHATWG label (`latin1`, `cp1251`, `utf-16le`), or
    /// `None` for an unknown label or UTF-8 (which needs no decoding).
    pub fn for_label(label: &str) -> Option<Charset> {
        let encoding = Encoding::for_label(label.trim().as_bytes())?;
        if encoding == encoding_rs::UTF_8 {
            None
        } else if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            Some(Charset::Utf16 {
                little_endian: encoding == encoding_rs::UTF_16LE,
                bom: false,
            })
        } else if encoding == encoding_rs::REPLACEMENT {
            None
        } else {
            Some(Charset::Legacy(encoding))
        }
    }

    /// The charset `label` names: `Ok(None)` for UTF-8 (read anyway), an
    /// error message for a label that names none.
    pub fn parse_label(label: &str) -> Result<Option<Charset>, String> {
        match Encoding::for_label(label.trim().as_bytes()) {
            Some(e) if e == encoding_rs::UTF_8 => Ok(None),
            Some(e) if e != encoding_rs::REPLACEMENT => Ok(Charset::for_label(label)),
            _ => Err(format!(
                "unknown encoding `{label}`; use a WHATWG label such as windows-1251, latin1, koi8-r, iso-8859-2, shift_jis or utf-16le (https://encoding.spec.whatwg.org/#names-and-labels)"
            )),
        }
    }

    /// Its name, as `iconv` and the WHATWG spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Charset::Utf16 {
                little_endian: true,
                ..
            } => "UTF-16LE",
            Charset::Utf16 { .. } => "UTF-16BE",
            Charset::Legacy(e) => e.name(),
        }
    }

    /// `bytes` decoded, or `None` if they hold a sequence the charset does
    /// not define (then they are not in this charset), or one that would
    /// not be written back as it was (Shift_JIS has two codes for some
    /// characters): a file `--fix` writes must keep every byte it does not
    /// fix. A UTF-16 byte-order mark is dropped.
    pub fn decode(&self, bytes: &[u8]) -> Option<String> {
        let text = self.decode_lossless_or_not(bytes)?;
        let same = match *self {
            // The mark is dropped, and written back as it was found.
            Charset::Utf16 { little_endian, .. } => Charset::Utf16 {
                little_endian,
                bom: matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]),
            },
            legacy => legacy,
        };
        (same.encode(&text).as_deref() == Some(bytes)).then_some(text)
    }

    fn decode_lossless_or_not(&self, bytes: &[u8]) -> Option<String> {
        match *self {
            Charset::Utf16 { little_endian, .. } => {
                let units = bytes.chunks_exact(2).map(|p| {
                    if little_endian {
                        u16::from_le_bytes([p[0], p[1]])
                    } else {
                        u16::from_be_bytes([p[0], p[1]])
                    }
                });
                let text: String = char::decode_utf16(units).collect::<Result<_, _>>().ok()?;
                Some(
                    text.strip_prefix('\u{FEFF}')
                        .map(str::to_owned)
                        .unwrap_or(text),
                )
            }
            Charset::Legacy(e) => e
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(std::borrow::Cow::into_owned),
        }
    }

    /// `text` in this charset, or `None` if it holds a character the
    /// charset cannot write (a fix that brings "ʻ" into a Windows-1252
    /// file): then the file must not be written.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        match *self {
            Charset::Utf16 { little_endian, bom } => {
                let mut out = Vec::with_capacity(text.len() * 2 + 2);
                let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
                for u in units {
                    out.extend(if little_endian {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    });
                }
                Some(out)
            }
            Charset::Legacy(e) => {
                let (bytes, _, unmappable) = e.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
        }
    }
}

/// Whether the start of a file is UTF-16 text: a byte-order mark, or a
/// head that decodes in one byte order to text (letters, marks, spaces and
/// punctuation, with a space or line break, and nothing a text never
/// holds: controls, unpaired surrogates, private-use characters). Random
/// bytes decode to unpaired surrogates and private-use characters within a
/// few hundred bytes, so binary files are not taken for text.
pub fn utf16(head: &[u8]) -> Option<Charset> {
    match head {
        [0xFF, 0xFE, ..] => {
            return Some(Charset::Utf16 {
                little_endian: true,
                bom: true,
            })
        }
        [0xFE, 0xFF, ..] => {
            return Some(Charset::Utf16 {
                little_endian: false,
                bom: true,
            })
        }
        _ => {}
    }
    if head.len() < 16 || !head.contains(&0) {
        return None;
    }
    [true, false].into_iter().find_map(|little_endian| {
        let charset = Charset::Utf16 {
            little_endian,
            bom: false,
        };
        // An odd last byte, or a pair cut at the end of the head.
        let even = head.len() & !1;
        let text = charset
            .decode(&head[..even])
            .or_else(|| charset.decode(&head[..even.saturating_sub(2)]))?;
        let plausible = text.chars().all(|c| {
            (!c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                && !matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FFFE}' | '\u{FFFF}')
        }) && text.contains([' ', '\n']);
        plausible.then_some(charset)
    })
}

/// The charset of `bytes` (not UTF-8, not UTF-16) as `chardetng` guesses
/// it, when the guess can be trusted: the file has at least
/// [`MIN_NON_ASCII`] non-ASCII bytes to go on, and decodes in the guessed
/// charset without a malformed sequence.
pub fn detect(bytes: &[u8]) -> Option<Charset> {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii < MIN_NON_ASCII || broken_utf8(bytes) {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let charset = Charset::Legacy(guess);
    charset.decode(bytes).map(|_| charset)
}

/// Fewer non-ASCII bytes than this, and a guess is a coin toss (a name with
/// one "ü" reads as well in Latin-1 as in Windows-1250).
pub const MIN_NON_ASCII: usize = 2;

/// Whether `bytes` are UTF-8 with a few bad bytes rather than another
/// charset: at least as many valid multi-byte sequences as invalid bytes.
/// Read in a legacy charset, such a file would be mojibake, and a fix
/// written in that charset would mix two encodings in one file.
fn broken_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid >= invalid
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{detect, utf16, Charset};

    proptest! {
        /// Whatever a charset reads, it writes back byte for byte: `--fix`
        /// changes only what it fixes.
        #[test]
        fn what_is_read_is_written_back_as_it_was(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            for label in ["windows-1251", "windows-1252", "windows-1250", "koi8-r", "iso-8859-2", "shift_jis", "gbk", "euc-kr", "utf-16le", "utf-16be"] {
                let charset = Charset::for_label(label).unwrap();
                if let Some(text) = charset.decode(&bytes) {
                    let mut bom = charset;
                    if let Charset::Utf16 { little_endian, .. } = charset {
                        bom = Charset::Utf16 { little_endian, bom: matches!(bytes[..], [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) };
                    }
                    prop_assert_eq!(bom.encode(&text), Some(bytes.clone()), "{}", label);
                }
            }
        }
    }

    #[test]
    fn legacy_text_is_detected_and_written_back_byte_for_byte() {
        let russian = "Столица Казахстана — Астана. Встреча прошла в Астане 9 августа.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let charset = detect(&bytes).expect("enough Cyrillic to tell");
        assert_eq!(charset.name(), "windows-1251");
        assert_eq!(charset.decode(&bytes).as_deref(), Some(russian));
        assert_eq!(charset.encode(russian).as_deref(), Some(&bytes[..]));
        let german =
            "Die Gespräche in München über die Zusammenarbeit waren schön, größer als geplant.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(german);
        assert_eq!(detect(&bytes).map(|c| c.name()), Some("windows-1252"));
        // Too little to go on.
        assert_eq!(detect(b"M\xfcnchen"), None);
        // UTF-8 with one bad byte is not another charset.
        let mut broken = "Gespräche in München über schöne Größe".as_bytes().to_vec();
        broken.push(0xFF);
        assert_eq!(detect(&broken), None);
    }

    #[test]
    fn a_fix_the_charset_cannot_write_is_refused() {
        let latin = Charset::for_label("latin1").unwrap();
        assert_eq!(latin.name(), "windows-1252");
        assert_eq!(latin.encode("Oʻzbekiston"), None);
        assert!(latin.encode("München").is_some());
        assert_eq!(Charset::for_label("utf-8"), None);
        assert_eq!(Charset::for_label("no-such-charset"), None);
    }

    #[test]
    fn utf16_without_a_mark_is_told_from_binary() {
        let text = "Встреча прошла в Астане, в Казахстане.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let found = utf16(&le).expect("Cyrillic UTF-16LE");
        assert_eq!(found.name(), "UTF-16LE");
        assert_eq!(found.decode(&le).as_deref(), Some(text));
        assert_eq!(found.encode(text).as_deref(), Some(&le[..]));
        assert_eq!(utf16(&be).map(|c| c.name()), Some("UTF-16BE"));
        let ascii: Vec<u8> = "Astana 2024\n"
            .repeat(4)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16(&ascii).map(|c| c.name()), Some("UTF-16LE"));
        // Binary: a PNG header and pseudo-random bytes.
        let mut noise = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        let mut x: u32 = 12345;
        for _ in 0..400 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8);
        }
        assert_eq!(utf16(&noise), None);
        assert_eq!(utf16(b"\x00\x01\x02 Birlistik-2024"), None);
    }
}
