//! Sets: documents that render the same text (SPEC §5).
//!
//! A file belongs to the first `[[set]]` whose globs (relative to the
//! glossary's folder) match it; otherwise to the files that differ from it
//! only by a language suffix (`speech.en.md`, `speech.ru.md`); otherwise to
//! the files that differ only by their nearest language folder
//! (`en/speech.md`, `ru/speech.md`). A group of fewer than two files is no
//! set. Membership is decided from paths alone, before anything is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::glossary::Glossary;
use crate::lang::LangTag;

/// A set of documents, by their index in the list given to [`find`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set {
    pub name: String,
    /// The language of the set's source documents.
    pub source: LangTag,
    pub members: Vec<usize>,
    /// The member the others render or translate (`source-document`).
    pub source_document: Option<usize>,
}

/// The sets among `files`: (displayed path, path relative to the glossary's
/// folder if it is under it).
pub fn find(glossary: &Glossary, files: &[(&str, Option<PathBuf>)]) -> Vec<Set> {
    let mut taken = vec![false; files.len()];
    let mut sets = Vec::new();
    for spec in &glossary.sets {
        let members: Vec<usize> = (0..files.len())
            .filter(|&i| !taken[i] && files[i].1.as_ref().is_some_and(|r| spec.globs.is_match(r)))
            .collect();
        members.iter().for_each(|&i| taken[i] = true);
        if members.len() > 1 {
            sets.push(Set {
                name: spec.name.clone(),
                source: spec
                    .source
                    .clone()
                    .unwrap_or_else(|| glossary.default_language.clone()),
                source_document: spec.source_document.as_ref().and_then(|d| {
                    members
                        .iter()
                        .copied()
                        .find(|&i| files[i].1.as_deref() == Some(d.as_path()))
                }),
                members,
            });
        }
    }
    for key in [suffix_key as fn(&Path) -> Option<String>, folder_key] {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (display, _)) in files.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            if let Some(k) = key(Path::new(display)) {
                groups.entry(k).or_default().push(i);
            }
        }
        for (name, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
            members.iter().for_each(|&i| taken[i] = true);
            sets.push(Set {
                name,
                source: glossary.default_language.clone(),
                members,
                source_document: None,
            });
        }
    }
    sets
}

/// `docs/speech.ru.md` → `docs/speech.*.md`; `speech_ru.md` → `speech_*.md`.
fn suffix_key(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let lang = crate::scan::language_suffix(path)?;
    LangTag::from_path_component(lang)?;
    // The suffix ends the stem: it is followed by the extension, if any.
    let stem_len = path.file_stem()?.to_str()?.len();
    let at = stem_len - lang.len();
    let name = format!("{}*{}", &name[..at], &name[stem_len..]);
    match path
        .parent()
        .map(|p| p.to_string_lossy())
        .filter(|p| !p.is_empty())
    {
        Some(parent) => Some(format!("{parent}/{name}")),
        None => Some(name),
    }
}

/// `ru/speech.md` → `*/speech.md` (the nearest language folder).
fn folder_key(path: &Path) -> Option<String> {
    let parts: Vec<&str> = path.iter().filter_map(|c| c.to_str()).collect();
    let (file, folders) = parts.split_last()?;
    let at = folders
        .iter()
        .rposition(|c| LangTag::from_path_component(c).is_some())?;
    let mut key: Vec<&str> = folders.to_vec();
    key[at] = "*";
    key.push(file);
    Some(key.join("/"))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{find, folder_key, suffix_key};
    use crate::glossary::Glossary;

    #[test]
    fn keys() {
        assert_eq!(
            suffix_key(Path::new("docs/speech.ru.md")).as_deref(),
            Some("docs/speech.*.md")
        );
        assert_eq!(suffix_key(Path::new("docs/speech.md")), None);
        assert_eq!(
            suffix_key(Path::new("po/app_ru.po")).as_deref(),
            Some("po/app_*.po")
        );
        assert_eq!(suffix_key(Path::new("v1.2.txt")), None);
        assert_eq!(
            folder_key(Path::new("site/ru/speech.md")).as_deref(),
            Some("site/*/speech.md")
        );
        assert_eq!(folder_key(Path::new("docs/speech.md")), None);
    }

    #[test]
    fn named_sets_first_then_suffixes_then_folders() {
        let g = Glossary::from_str(
            "[[set]]\nname = \"seeds\"\npaths = [\"seeds/*.txt\"]\nsource = \"en\"\n",
            Path::new("glossary.toml"),
        )
        .unwrap();
        let files: Vec<(&str, Option<PathBuf>)> = [
            "seeds/a.txt",
            "seeds/b.txt",
            "s.en.md",
            "s.ru.md",
            "en/x.md",
            "kk/x.md",
            "lonely.ru.md",
        ]
        .iter()
        .map(|p| (*p, Some(PathBuf::from(p))))
        .collect();
        let sets = find(&g, &files);
        let got: Vec<(&str, Vec<usize>)> = sets
            .iter()
            .map(|s| (s.name.as_str(), s.members.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("seeds", vec![0, 1]),
                ("s.*.md", vec![2, 3]),
                ("*/x.md", vec![4, 5])
            ]
        );
    }
}
