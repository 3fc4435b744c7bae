//! A document's language (SPEC §5): `--language`, then a language suffix in
//! the file name (`speech.ru.md`, `speech_ru.md`), then the nearest language
//! folder inside the project (`ru/speech.md`; `scan::Walked::in_project`),
//! then what the format declares, then the text itself (`detect`), then the
//! glossary's default.
//!
//! Suffixes and folders count only when their primary subtag is a real ISO
//! 639-1 code, so `docs/` or `2024-astana/` are ordinary folders.

use std::path::Path;

use crate::lang::LangTag;

pub fn resolve(path: &Path, forced: Option<&LangTag>, default: &LangTag) -> LangTag {
    named(path, forced).unwrap_or_else(|| default.clone())
}

/// The language `--language` or the path names, if any.
pub fn named(path: &Path, forced: Option<&LangTag>) -> Option<LangTag> {
    forced
        .cloned()
        .or_else(|| from_suffix(path))
        .or_else(|| from_folder(path))
}

/// `speech.ru.md` or `speech_ru.md` → `ru`; `speech.md` → none.
fn from_suffix(path: &Path) -> Option<LangTag> {
    suffix(path).and_then(LangTag::from_path_component)
}

/// The part of a file name that may be a language suffix: after the last
/// dot of the stem (`speech.ru.md`), or after its last underscore
/// (`speech_ru.md`, as gettext and many exports name files; issue 21).
pub(crate) fn suffix(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    let dotted = Path::new(stem).extension().and_then(|e| e.to_str());
    dotted.or_else(|| {
        stem.rsplit_once('_')
            .map(|(_, s)| s)
            .filter(|s| !s.is_empty())
    })
}

/// `ru/speech.md` → `ru`; the nearest folder wins.
fn from_folder(path: &Path) -> Option<LangTag> {
    path.parent()?
        .components()
        .rev()
        .filter_map(|c| c.as_os_str().to_str())
        .find_map(LangTag::from_path_component)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::resolve;
    use crate::lang::LangTag;

    fn lang(path: &str) -> String {
        let en = LangTag::parse("en").unwrap();
        resolve(Path::new(path), None, &en).to_string()
    }

    #[test]
    fn suffix_then_folder_then_default() {
        assert_eq!(lang("speech.ru.md"), "ru");
        assert_eq!(lang("docs/speech.uz-Latn.txt"), "uz-Latn");
        assert_eq!(lang("kk/speech.md"), "kk");
        assert_eq!(lang("ru/kk/speech.md"), "kk");
        assert_eq!(lang("kk/speech.az.md"), "az");
        assert_eq!(lang("docs/2024-astana/holdout/speech.txt"), "en");
        assert_eq!(lang("news-report.txt"), "en");
        assert_eq!(lang("notes_ru.txt"), "ru");
        assert_eq!(lang("ru/notes_kk.txt"), "kk");
        assert_eq!(lang("my_notes.txt"), "en");
    }

    #[test]
    fn forced_language_wins() {
        let ru = LangTag::parse("ru").unwrap();
        let en = LangTag::parse("en").unwrap();
        assert_eq!(
            resolve(Path::new("speech.kk.md"), Some(&ru), &en).as_str(),
            "ru"
        );
    }
}
