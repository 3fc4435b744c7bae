//! Which files a run checks: the paths given, directories walked recursively
//! with the ignore rules ripgrep uses (.gitignore, .ignore, hidden files).
//!
//! Out: the files in a stable order (sorted by displayed path), the files
//! a walk passed over and why, and an error per path that could not be
//! walked. The walk itself is parallel.
//!
//! A walk returns documents only: files whose extension is a known format
//! (`Format::known`). Term bases, spreadsheets, source code and anything
//! else are passed over, and so are symbolic links (a walk never follows a
//! link, so `--fix` never writes outside the folder walked). A file named on
//! the command line is returned whatever its extension (issue 22).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use super::Format;
use crate::error::ScanError;

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Walked {
    /// As SPEC §4 shows paths: `/` separators, no leading `./`.
    pub display: String,
    pub path: PathBuf,
    /// The part of the path inside the project, where a folder may name
    /// the document's language (`scan::resolve_language`): from the
    /// glossary's folder when the file is below it, else from the folder
    /// walked (a file named alone: its name). Folders above the project
    /// never count, so relative and absolute paths read alike (issue 21:
    /// a project under `…/my/` was checked as Burmese).
    pub in_project: PathBuf,
    /// Named on the command line rather than found by a walk.
    pub explicit: bool,
    /// Read from standard input (`-`): `path` is the name it stands for
    /// (`--stdin-filename`), which picks its format, language and set.
    pub stdin: bool,
}

/// Why a walk passed over a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Passed {
    /// Not a document format (a term base, a spreadsheet, code).
    NotDocument,
    /// A symbolic link: walks do not follow links.
    Link,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<Walked>,
    /// Files passed over, by displayed path.
    pub passed: Vec<(String, Passed)>,
    pub errors: Vec<ScanError>,
}

/// The files under `paths`. `no_ignore` turns ignore files off; `skip` (the
/// glossary and baseline in use, canonicalised) are never returned. `home`
/// is the glossary's folder, canonicalised (see [`Walked::in_project`]).
///
/// `stdin` is the name standard input stands for, if it is to be read: it
/// is a document whether or not a file of that name exists.
pub fn walk(
    paths: &[PathBuf],
    stdin: Option<&Path>,
    no_ignore: bool,
    skip: &[PathBuf],
    home: Option<&Path>,
) -> Walk {
    let found = Mutex::new(Walk::default());
    // Where a folder given (or a file's folder) lies inside the project.
    let inside = |folder: &Path| -> PathBuf {
        let canonical = std::fs::canonicalize(folder).ok();
        canonical
            .as_deref()
            .zip(home)
            .and_then(|(c, h)| c.strip_prefix(h).ok())
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => lock(&found)
                .errors
                .push(ScanError::io(display_path(path), e)),
            Ok(m) if m.is_dir() => walk_dir(path, &inside(path), no_ignore, skip, &found),
            Ok(_) => lock(&found).files.push(named_file(path, &inside)),
        }
    }
    if let Some(path) = stdin {
        let mut file = named_file(path, &inside);
        // A name whose folder does not exist here (an editor's buffer for
        // `ru/app.po`) still names its language by its folders.
        if file.in_project.parent() == Some(Path::new("")) && path.is_relative() {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            if folder.is_some_and(|f| !f.exists()) {
                file.in_project = path.to_path_buf();
            }
        }
        file.stdin = true;
        lock(&found).files.push(file);
    }
    let mut found = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    found
        .files
        .retain(|f| !skip.iter().any(|s| is_same_file(&f.path, s)));
    found.files.sort();
    found.files.dedup_by(|a, b| a.display == b.display);
    found.passed.sort();
    found
}

fn walk_dir(root: &Path, prefix: &Path, no_ignore: bool, skip: &[PathBuf], found: &Mutex<Walk>) {
    WalkBuilder::new(root)
        .standard_filters(!no_ignore)
        .hidden(true)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        if Format::known(e.path()).is_none() {
                            // The glossary and baseline in use are not
                            // documents, and not news either.
                            if skip.iter().any(|s| is_same_file(e.path(), s)) {
                                return WalkState::Continue;
                            }
                            let shown = display_path(e.path());
                            lock(found).passed.push((shown, Passed::NotDocument));
                        } else {
                            let below = e.path().strip_prefix(root).unwrap_or(e.path());
                            let in_project = prefix.join(below);
                            lock(found).files.push(walked(e.into_path(), in_project));
                        }
                    }
                    Ok(e) if e.path_is_symlink() => {
                        let shown = display_path(e.path());
                        lock(found).passed.push((shown, Passed::Link));
                    }
                    Ok(_) => {}
                    Err(e) => lock(found).errors.push(walk_error(root, &e)),
                }
                WalkState::Continue
            })
        });
}

fn walk_error(root: &Path, e: &ignore::Error) -> ScanError {
    let message = e.to_string();
    ScanError::Walk {
        path: display_path(root),
        message,
    }
}

fn lock(walk: &Mutex<Walk>) -> std::sync::MutexGuard<'_, Walk> {
    walk.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn walked(path: PathBuf, in_project: PathBuf) -> Walked {
    Walked {
        display: display_path(&path),
        path,
        in_project,
        explicit: false,
        stdin: false,
    }
}

/// A file named on the command line: its folder says where it lies in the
/// project.
fn named_file(path: &Path, inside: &dyn Fn(&Path) -> PathBuf) -> Walked {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let prefix = inside(folder.unwrap_or(Path::new(".")));
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let mut file = walked(path.to_path_buf(), prefix.join(name));
    file.explicit = true;
    file
}

fn is_same_file(path: &Path, skip: &Path) -> bool {
    path.file_name() == skip.file_name() && std::fs::canonicalize(path).is_ok_and(|p| p == skip)
}

/// `./docs\a.md` → `docs/a.md`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    };
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.trim_start_matches('/').to_owned(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::display_path;

    #[test]
    fn display_paths_drop_leading_dot_slash() {
        assert_eq!(
            display_path(Path::new("./fixtures/seeds/a.txt")),
            "fixtures/seeds/a.txt"
        );
        assert_eq!(display_path(Path::new("fixtures/a.txt")), "fixtures/a.txt");
        assert_eq!(display_path(Path::new(".")), ".");
    }
}
