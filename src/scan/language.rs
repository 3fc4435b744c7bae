//! A document's language (SPEC §5): `--language`, then a language suffix in
//! the file name (`speech.ru.md`), then the nearest language folder in the
//! path as given (`ru/speech.md`), then the glossary's default.
//!
//! Suffixes and folders count only when their primary subtag is a real ISO
//! 639-1 code, so `docs/` or `2024-astana/` are ordinary folders.

use std::path::Path;

use crate::lang::LangTag;

pub fn resolve(path: &Path, forced: Option<&LangTag>, default: &LangTag) -> LangTag {
    forced
        .cloned()
        .or_else(|| from_suffix(path))
        .or_else(|| from_folder(path))
        .unwrap_or_else(|| default.clone())
}

/// `speech.ru.md` → `ru`; `speech.md` → none.
fn from_suffix(path: &Path) -> Option<LangTag> {
    let stem = Path::new(path.file_stem()?);
    LangTag::from_path_component(stem.extension()?.to_str()?)
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
