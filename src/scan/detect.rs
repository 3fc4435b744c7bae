//! A document's language from its text, for documents whose language
//! nothing names (no `--language`, suffix, folder or declaration), and the
//! check that a named language can be the text's at all (issue 21: a Russian
//! `notes.txt` was checked as English and printed "No findings").
//!
//! The script comes first: most scripts belong to one language or a few.
//! Within a script shared by many languages, `whatlang`'s trigram models
//! decide, and their answer is used only when they call it reliable.
//! Kazakh and Kyrgyz, which whatlang does not know, are told from Russian by
//! the letters only they use.

use whatlang::Script;

use crate::lang::LangTag;

/// Bytes of a document's text looked at: enough for a reliable answer,
/// and a fixed cost whatever the file's size.
const SAMPLE: usize = 4096;

/// What the text says about its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// The language, when the text names it with confidence.
    pub language: Option<LangTag>,
    /// The models' best answer when they are not confident (Arabic and
    /// Persian, Hindi and Marathi share a script and many words).
    pub guess: Option<LangTag>,
    /// The script most of its letters are in.
    pub script: Option<&'static str>,
    /// Letters of the sample per script (ISO 15924 code), for [`fits_text`].
    pub letters: Vec<(&'static str, usize)>,
}

/// The script of `pieces` (a document's segments), from at most 4 KiB of
/// them, and with `language` their language. Counting scripts is cheap;
/// the language models run only when asked (nothing names the language).
// Kept whole: one decision: scripts counted first, then the language model only when needed.
pub fn detect<'t>(pieces: impl Iterator<Item = &'t str>, language: bool) -> Detected {
    // The script alone is told from a quarter of what the models want.
    let limit = if language { SAMPLE } else { SAMPLE / 4 };
    let mut sample = String::with_capacity(limit);
    for piece in pieces {
        let room = limit.saturating_sub(sample.len());
        if room == 0 {
            break;
        }
        let mut cut = room.min(piece.len());
        while !piece.is_char_boundary(cut) {
            cut -= 1;
        }
        sample.push_str(&piece[..cut]);
        sample.push('\n');
    }
    let mut letters: Vec<(&'static str, usize)> = Vec::new();
    for code in sample.chars().filter_map(script_of) {
        match letters.iter_mut().find(|(s, _)| *s == code) {
            Some((_, n)) => *n += 1,
            None => letters.push((code, 1)),
        }
    }
    let dominant = letters.iter().max_by_key(|(_, n)| *n).map(|(s, _)| *s);
    if language {
        // Japanese is written in three scripts and Korean often in two:
        // counted apart, Latin names quoted in them would outnumber each.
        if let Some(tag) = by_script_family(&letters) {
            return Detected {
                language: LangTag::parse(tag),
                guess: None,
                script: dominant,
                letters,
            };
        }
    }
    let script = match language.then(|| whatlang::detect_script(&sample)).flatten() {
        Some(script) => script,
        None => {
            return Detected {
                language: None,
                guess: None,
                script: dominant,
                letters,
            }
        }
    };
    let mut guess = None;
    let language = by_script(script, &sample).or_else(|| {
        let info = whatlang::detect(&sample)?;
        let code = iso_639_1(info.lang().code())?;
        if !info.is_reliable() {
            guess = LangTag::parse(code);
            return None;
        }
        // A language written in several scripts gets the text's.
        let tag = match (code, script) {
            ("sr" | "bs", Script::Latin) => "sr-Latn",
            ("uz" | "az" | "tk", Script::Cyrillic) => {
                return LangTag::parse(&format!("{code}-Cyrl"))
            }
            _ => code,
        };
        LangTag::parse(tag)
    });
    Detected {
        language,
        guess,
        script: dominant.or(Some(script_code(script))),
        letters,
    }
}

/// The script of a letter, by block (the scripts [`fits`] knows; other
/// letters are `Zyyy`), or `None` for what is not a letter.
fn script_of(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some("Latn");
    }
    Some(match c as u32 {
        0x0080..=0x00BF | 0x00D7 | 0x00F7 | 0x2000..=0x2BFF | 0x3000..=0x3004 | 0x3008..=0x303F => {
            return None
        }
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0xFF21..=0xFF5A => "Latn",
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "Grek",
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0xA640..=0xA69F => "Cyrl",
        0x0530..=0x058F => "Armn",
        0x0590..=0x05FF => "Hebr",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arab"
        }
        0x0900..=0x097F => "Deva",
        0x0980..=0x09FF => "Beng",
        0x0A00..=0x0A7F => "Guru",
        0x0A80..=0x0AFF => "Gujr",
        0x0B00..=0x0B7F => "Orya",
        0x0B80..=0x0BFF => "Taml",
        0x0C00..=0x0C7F => "Telu",
        0x0C80..=0x0CFF => "Knda",
        0x0D00..=0x0D7F => "Mlym",
        0x0D80..=0x0DFF => "Sinh",
        0x0E00..=0x0E7F => "Thai",
        0x0E80..=0x0EFF => "Laoo",
        0x1000..=0x109F => "Mymr",
        0x10A0..=0x10FF => "Geor",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Hang",
        0x1200..=0x139F => "Ethi",
        0x1780..=0x17FF => "Khmr",
        0x3040..=0x309F => "Hira",
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => "Kana",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => "Hani",
        _ if c.is_alphabetic() => "Zyyy",
        _ => return None,
    })
}

/// Whether the text can be in `language`: at least a quarter of its
/// letters are in a script the language is written in (a Korean text may
/// quote English names; a Cyrillic text is never English).
pub fn fits_text(language: &LangTag, detected: &Detected) -> bool {
    let total: usize = detected.letters.iter().map(|(_, n)| n).sum();
    let fitting: usize = detected
        .letters
        .iter()
        .filter(|(s, _)| *s == "Zyyy" || fits(language, s))
        .map(|(_, n)| n)
        .sum();
    total == 0 || fitting * 4 >= total
}

/// The script, other than `language`'s own, that holds the largest share
/// of the text's letters, with that share in percent: the quoted part of a
/// mixed-script document (a Japanese text with Latin brand names).
pub fn foreign_script(language: &LangTag, detected: &Detected) -> Option<(&'static str, usize)> {
    let total: usize = detected.letters.iter().map(|(_, n)| n).sum();
    detected
        .letters
        .iter()
        .filter(|(s, _)| *s != "Zyyy" && !fits(language, s))
        .max_by_key(|(_, n)| *n)
        .map(|(s, n)| (*s, n * 100 / total.max(1)))
}

/// Japanese or Korean when kana or hangul (with the Han characters written
/// among them) are at least a quarter of the letters.
fn by_script_family(letters: &[(&'static str, usize)]) -> Option<&'static str> {
    let count = |script: &str| {
        letters
            .iter()
            .find(|(s, _)| *s == script)
            .map_or(0, |(_, n)| *n)
    };
    let total: usize = letters.iter().map(|(_, n)| n).sum();
    let han = count("Hani");
    let kana = count("Hira") + count("Kana");
    let hangul = count("Hang");
    if kana >= 10 && (kana + han) * 4 >= total {
        Some("ja")
    } else if hangul >= 10 && (hangul + han) * 4 >= total {
        Some("ko")
    } else {
        None
    }
}

/// Scripts that name their language alone, and the Cyrillic letters only
/// Kazakh or Kyrgyz use.
fn by_script(script: Script, sample: &str) -> Option<LangTag> {
    let code = match script {
        Script::Hangul => "ko",
        Script::Hiragana | Script::Katakana => "ja",
        Script::Thai => "th",
        Script::Greek => "el",
        Script::Georgian => "ka",
        Script::Armenian => "hy",
        Script::Khmer => "km",
        Script::Myanmar => "my",
        Script::Gujarati => "gu",
        Script::Gurmukhi => "pa",
        Script::Kannada => "kn",
        Script::Malayalam => "ml",
        Script::Oriya => "or",
        Script::Sinhala => "si",
        Script::Tamil => "ta",
        Script::Telugu => "te",
        Script::Cyrillic => {
            let count = |set: &str| sample.chars().filter(|c| set.contains(*c)).count();
            // Not і: Ukrainian and Belarusian write it too.
            if count("әғқұһӘҒҚҰҺ") >= 3 {
                "kk"
            } else if count("ңөүҢӨҮ") >= 3 {
                "ky"
            } else {
                return None;
            }
        }
        _ => return None,
    };
    LangTag::parse(code)
}

/// Whether text in `script` can be in `language`; unknown languages are
/// taken to be written in Latin script.
fn fits(language: &LangTag, script: &str) -> bool {
    let primary = language.primary();
    let scripts: &[&str] = match primary {
        "ru" | "uk" | "be" | "bg" | "mk" | "tg" | "mn" | "cv" | "ba" | "tt" | "ce" | "os" => {
            &["Cyrl"]
        }
        "sr" | "kk" | "ky" | "uz" | "az" | "tk" | "bs" => &["Cyrl", "Latn"],
        "ar" | "fa" | "ur" | "ps" | "ug" | "sd" | "ku" | "ckb" => &["Arab"],
        "he" | "yi" => &["Hebr"],
        "el" => &["Grek"],
        "hi" | "mr" | "ne" | "sa" => &["Deva"],
        "bn" | "as" => &["Beng"],
        "zh" => &["Hani"],
        "ja" => &["Hani", "Hira", "Kana"],
        "ko" => &["Hang", "Hani"],
        "th" => &["Thai"],
        "ka" => &["Geor"],
        "hy" => &["Armn"],
        "am" | "ti" => &["Ethi"],
        "km" => &["Khmr"],
        "lo" => &["Laoo"],
        "my" => &["Mymr"],
        "ta" => &["Taml"],
        "te" => &["Telu"],
        "kn" => &["Knda"],
        "ml" => &["Mlym"],
        "gu" => &["Gujr"],
        "pa" => &["Guru", "Arab"],
        "or" => &["Orya"],
        "si" => &["Sinh"],
        _ => &["Latn"],
    };
    scripts.contains(&script)
}

/// ISO 15924 codes, as messages and language tags write scripts.
fn script_code(script: Script) -> &'static str {
    match script {
        Script::Latin => "Latn",
        Script::Cyrillic => "Cyrl",
        Script::Arabic => "Arab",
        Script::Devanagari => "Deva",
        Script::Hiragana => "Hira",
        Script::Katakana => "Kana",
        Script::Ethiopic => "Ethi",
        Script::Hebrew => "Hebr",
        Script::Bengali => "Beng",
        Script::Georgian => "Geor",
        Script::Mandarin => "Hani",
        Script::Hangul => "Hang",
        Script::Greek => "Grek",
        Script::Kannada => "Knda",
        Script::Tamil => "Taml",
        Script::Thai => "Thai",
        Script::Gujarati => "Gujr",
        Script::Gurmukhi => "Guru",
        Script::Telugu => "Telu",
        Script::Malayalam => "Mlym",
        Script::Oriya => "Orya",
        Script::Myanmar => "Mymr",
        Script::Sinhala => "Sinh",
        Script::Khmer => "Khmr",
        Script::Armenian => "Armn",
    }
}

/// A script's English name, for messages.
pub fn script_name(code: &str) -> &str {
    const NAMES: &[(&str, &str)] = &[
        ("Latn", "Latin"),
        ("Cyrl", "Cyrillic"),
        ("Arab", "Arabic"),
        ("Deva", "Devanagari"),
        ("Hira", "Hiragana"),
        ("Kana", "Katakana"),
        ("Ethi", "Ethiopic"),
        ("Hebr", "Hebrew"),
        ("Beng", "Bengali"),
        ("Geor", "Georgian"),
        ("Hani", "Han"),
        ("Hang", "Hangul"),
        ("Grek", "Greek"),
        ("Knda", "Kannada"),
        ("Taml", "Tamil"),
        ("Thai", "Thai"),
        ("Gujr", "Gujarati"),
        ("Guru", "Gurmukhi"),
        ("Telu", "Telugu"),
        ("Mlym", "Malayalam"),
        ("Orya", "Oriya"),
        ("Mymr", "Myanmar"),
        ("Sinh", "Sinhala"),
        ("Khmr", "Khmer"),
        ("Armn", "Armenian"),
    ];
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, n)| *n)
}

/// The two-letter code of a language whatlang names by its three letters.
// Kept whole: a table: one match arm per language.
fn iso_639_1(code: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    CODES
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    use super::{detect, fits};
    use crate::lang::LangTag;

    fn language(text: &str) -> Option<String> {
        detect(std::iter::once(text), true)
            .language
            .map(|l| l.to_string())
    }

    #[test]
    fn languages_from_real_sentences() {
        // Kazinform, RIA Novosti and Wikipedia sentences.
        assert_eq!(
            language("Президент Казахстана провёл встречу с делегацией, прибывшей в столицу для участия в форуме.").as_deref(),
            Some("ru")
        );
        assert_eq!(
            language(
                "Мемлекет басшысы Астанада өткен халықаралық форумға қатысушылармен кездесті."
            )
            .as_deref(),
            Some("kk")
        );
        assert_eq!(
            language("首相はマレーシアを訪問した。").as_deref(),
            Some("ja")
        );
        assert_eq!(
            language(
                "The President met the delegation that had arrived in the capital for the forum."
            )
            .as_deref(),
            Some("en")
        );
        let serbian = language(
            "Predsednik je otvorio međunarodni forum u glavnom gradu i razgovarao sa delegacijama.",
        );
        assert!(
            matches!(serbian.as_deref(), Some("sr-Latn" | "hr")),
            "{serbian:?}"
        );
    }

    #[test]
    fn japanese_and_korean_quoting_latin_names_are_still_themselves() {
        // Fewer kana than Latin letters, but three Japanese scripts together.
        let memo = "カザフスタンのトカエフ大統領はアスタナでMicrosoftの代表と会談した。両者はAlat International Trade Seaportについて話し合った。";
        assert_eq!(language(memo).as_deref(), Some("ja"));
        let korean = "토카예프 대통령은 Alat International Trade Seaport 프로젝트에 대해 논의했다.";
        assert_eq!(language(korean).as_deref(), Some("ko"));
    }

    #[test]
    fn ukrainian_is_not_kazakh_for_its_i() {
        // Ukrainian writes і, as Kazakh does.
        assert_eq!(
            language(
                "Президент України відвідав Казахстан і зустрівся з делегацією у столиці країни."
            )
            .as_deref(),
            Some("uk")
        );
    }

    #[test]
    fn short_text_names_no_language() {
        assert_eq!(language("Astana"), None);
        assert_eq!(detect(std::iter::once(""), true).script, None);
        assert_eq!(
            detect(std::iter::once("Привет, мир"), false).script,
            Some("Cyrl")
        );
    }

    #[test]
    fn scripts_a_language_can_be_written_in() {
        let t = |s| LangTag::parse(s).unwrap();
        assert!(fits(&t("ru"), "Cyrl") && !fits(&t("en"), "Cyrl"));
        assert!(fits(&t("sr"), "Latn") && fits(&t("ja"), "Hani"));
        assert!(!fits(&t("zh"), "Latn"));
    }
}
