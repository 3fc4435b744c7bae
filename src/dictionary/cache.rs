//! What Hunspell dictionaries answered in earlier runs, kept on disk: a run
//! whose near-miss candidates were all asked about before never reads the
//! dictionary. Reading one is most of what near-miss costs on a small file
//! (Persian: 146 ms of a 160 ms check) and a fifth of it on a corpus.
//!
//! One file per dictionary, named by a hash of its stamp: the `.aff` and
//! `.dic` paths with their sizes and modification times, and termlint's
//! version. Its first line is the stamp itself, so a file whose stamp does
//! not match (a dictionary updated or edited, another termlint) is not
//! read, and the answers are asked of the dictionary again. A file that
//! cannot be read or parsed is ignored the same way; one is written to a
//! temporary name and renamed, so a reader never sees half of it, and the
//! file of an older stamp of the same dictionary is removed then.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};

use super::Known;
use crate::hash::WordHasher;

/// Answers by spelling, exactly as asked.
pub(super) type Answers = HashMap<Box<str>, Known, BuildHasherDefault<WordHasher>>;

/// The first line of every file: what it is and its layout's version.
const HEADER: &str = "termlint dictionary answers 1";

/// Answers kept per dictionary at most: a cache must not grow without
/// bound however many runs add to it.
const MOST: usize = 500_000;

/// The largest file read: `MOST` answers of words of up to 100 bytes.
const LARGEST: u64 = 64 << 20;

/// Where answers are kept: `$TERMLINT_CACHE_DIR` if set (empty: nowhere,
/// the cache is off), else `termlint` in the user's cache folder
/// (`$XDG_CACHE_HOME`, `~/.cache`, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows).
pub fn location() -> Option<PathBuf> {
    if let Some(own) = std::env::var_os("TERMLINT_CACHE_DIR") {
        return (!own.is_empty()).then(|| PathBuf::from(own));
    }
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    if let Some(xdg) = std::env::var_os("XDG_CACHE_HOME").and_then(absolute) {
        return Some(xdg.join("termlint"));
    }
    if cfg!(windows) {
        return std::env::var_os("LOCALAPPDATA")
            .and_then(absolute)
            .map(|d| d.join("termlint").join("cache"));
    }
    let home = std::env::var_os("HOME").and_then(absolute)?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library/Caches/termlint")
    } else {
        home.join(".cache/termlint")
    })
}

/// The stamp of the dictionary at `base` (its path without extension), if
/// both its files can be looked at and their paths written on one line.
pub(super) fn stamp(base: &Path) -> Option<String> {
    let mut stamp = format!("termlint {}", env!("CARGO_PKG_VERSION"));
    for extension in ["aff", "dic"] {
        // The file itself: a link moved to another dictionary is another
        // stamp.
        let path = std::fs::canonicalize(base.with_extension(extension)).ok()?;
        let meta = std::fs::metadata(&path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let path = path.to_str()?;
        if path.contains(['\t', '\n', '\r']) {
            return None;
        }
        stamp.push_str(&format!(
            "\t{path}\t{}\t{}",
            meta.len(),
            modified.as_nanos()
        ));
    }
    Some(stamp)
}

/// The file of `dir` that holds the answers of the dictionary `stamp`
/// names. FNV-1a: a hash that is the same in every build, unlike std's.
fn file(dir: &Path, stamp: &str) -> PathBuf {
    let hash = stamp.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    dir.join(format!("words-{hash:016x}.txt"))
}

/// The answers kept in `dir` for the dictionary `stamp` names; `None` if
/// there are none, or none that can be trusted.
pub(super) fn read(dir: &Path, stamp: &str) -> Option<Answers> {
    let path = file(dir, stamp);
    // What `write` writes is far smaller (`MOST` answers of a word each):
    // a larger file is not ours, and is not read into memory.
    if std::fs::metadata(&path).ok()?.len() > LARGEST {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let (theirs, lines) = opened(&text)?;
    if theirs != stamp {
        return None;
    }
    let mut answers = Answers::default();
    for line in lines.split('\n').filter(|l| !l.is_empty()) {
        let (known, spelling) = line.split_once('\t')?;
        let known = match known {
            "w" => Known::Word,
            "n" => Known::Name,
            "-" => Known::No,
            _ => return None,
        };
        answers.insert(spelling.into(), known);
    }
    Some(answers)
}

/// Keeps `answers` in `dir` for the dictionary `stamp` names, in place of
/// what was kept there: written whole under another name, then renamed.
pub(super) fn write<'a>(
    dir: &Path,
    stamp: &str,
    answers: impl Iterator<Item = (&'a str, Known)>,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = file(dir, stamp);
    let mut text = format!("{HEADER}\n{stamp}\n");
    for (spelling, known) in answers.take(MOST) {
        if spelling.is_empty() || spelling.contains(['\t', '\n', '\r']) {
            continue;
        }
        let known = match known {
            Known::Word => "w",
            Known::Name => "n",
            Known::No => "-",
        };
        text.push_str(known);
        text.push('\t');
        text.push_str(spelling);
        text.push('\n');
    }
    // Each run writes through a temporary file of its own: two that write
    // at once each rename a whole file, and the last one stays.
    crate::fix::replace_file(&path, text.as_bytes())?;
    forget_older(dir, stamp, &path);
    Ok(())
}

/// The stamp a file's text was written for, and its answers' lines.
fn opened(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    Some(rest.split_once('\n').unwrap_or((rest, "")))
}

/// Removes the files of `dir` other than `kept` that hold answers of the
/// same dictionary files under another stamp (the files since updated, or
/// another termlint): no run will read them again, and without this a
/// cache would grow by a file at every update of a dictionary.
fn forget_older(dir: &Path, stamp: &str, kept: &Path) {
    let files = |stamp: &str| -> Vec<String> {
        // The paths of the .aff and .dic: fields 1 and 4 of the stamp.
        let fields: Vec<&str> = stamp.split('\t').collect();
        [1, 4]
            .iter()
            .filter_map(|&i| fields.get(i).map(|f| (*f).to_owned()))
            .collect()
    };
    let ours = files(stamp);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path == kept || !name.starts_with("words-") || !name.ends_with(".txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some((theirs, _)) = opened(&text) else {
            continue;
        };
        if theirs != stamp && files(theirs) == ours {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{file, read, write, Known, HEADER};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("termlint-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn answers_written_are_read_back_for_the_same_stamp_only() {
        let dir = scratch("roundtrip");
        let answers = [
            ("Jeden", Known::Word),
            ("Cyrus", Known::Name),
            ("Kazakstan", Known::No),
            ("with\ttab", Known::Word),
        ];
        write(&dir, "stamp one", answers.iter().copied()).expect("written");
        let back = read(&dir, "stamp one").expect("read");
        assert_eq!(back.len(), 3);
        assert_eq!(back.get("Jeden"), Some(&Known::Word));
        assert_eq!(back.get("Cyrus"), Some(&Known::Name));
        assert_eq!(back.get("Kazakstan"), Some(&Known::No));
        assert!(read(&dir, "stamp two").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A dictionary updated is kept under its new stamp, and the file of
    /// its old one goes; another dictionary's file stays.
    #[test]
    fn the_answers_of_an_older_stamp_of_the_same_files_are_removed() {
        let dir = scratch("older");
        let old = "termlint 1\t/d/ru.aff\t10\t5\t/d/ru.dic\t20\t5";
        let other = "termlint 1\t/d/uk.aff\t10\t5\t/d/uk.dic\t20\t5";
        let new = "termlint 1\t/d/ru.aff\t10\t5\t/d/ru.dic\t21\t6";
        for stamp in [old, other] {
            write(&dir, stamp, [("Jeden", Known::Word)].into_iter()).expect("written");
        }
        assert!(read(&dir, old).is_some() && read(&dir, other).is_some());
        write(&dir, new, [("Jeden", Known::Word)].into_iter()).expect("written");
        assert!(read(&dir, old).is_none());
        assert!(read(&dir, other).is_some() && read(&dir, new).is_some());
        assert_eq!(std::fs::read_dir(&dir).expect("folder").count(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A file another stamp wrote under the same name (a hash collision),
    /// one cut short or one with a line that is no answer is not trusted.
    #[test]
    fn a_file_that_is_not_whole_is_not_read() {
        let dir = scratch("broken");
        std::fs::create_dir_all(&dir).expect("folder");
        let path = file(&dir, "mine");
        for text in [
            format!("{HEADER}\nsomeone else\nw\tJeden\n"),
            format!("{HEADER}\n"),
            String::new(),
            format!("{HEADER}\nmine\nw\tJeden\nJeden\n"),
            format!("{HEADER}\nmine\nx\tJeden\n"),
        ] {
            std::fs::write(&path, text).expect("written");
            assert!(read(&dir, "mine").is_none());
        }
        std::fs::write(&path, format!("{HEADER}\nmine\nw\tJeden\n")).expect("written");
        assert_eq!(read(&dir, "mine").map(|a| a.len()), Some(1));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
