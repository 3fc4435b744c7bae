//! Which files a run checks: the paths given, directories walked recursively
//! with the ignore rules ripgrep uses (.gitignore, .ignore, hidden files).
//!
//! Out: the files in a stable order (sorted by displayed path), and an error
//! per path that could not be walked. The walk itself is parallel.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

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
}

/// The files under `paths`. `no_ignore` turns ignore files off; `skip` (the
/// glossary and baseline in use, canonicalised) are never returned. `home`
/// is the glossary's folder, canonicalised (see [`Walked::in_project`]).
pub fn walk(
    paths: &[PathBuf],
    no_ignore: bool,
    skip: &[PathBuf],
    home: Option<&Path>,
) -> (Vec<Walked>, Vec<ScanError>) {
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
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
            Err(e) => push(&errors, ScanError::io(display_path(path), e)),
            Ok(m) if m.is_dir() => walk_dir(path, &inside(path), no_ignore, &files, &errors),
            Ok(_) => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                let prefix = inside(folder.unwrap_or(Path::new(".")));
                let name = path.file_name().map(PathBuf::from).unwrap_or_default();
                push(&files, walked(path.clone(), prefix.join(name)));
            }
        }
    }
    let mut files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.retain(|f| !skip.iter().any(|s| is_same_file(&f.path, s)));
    files.sort();
    files.dedup_by(|a, b| a.display == b.display);
    (
        files,
        errors
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
}

fn walk_dir(
    root: &Path,
    prefix: &Path,
    no_ignore: bool,
    files: &Mutex<Vec<Walked>>,
    errors: &Mutex<Vec<ScanError>>,
) {
    WalkBuilder::new(root)
        .standard_filters(!no_ignore)
        .hidden(true)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let below = e.path().strip_prefix(root).unwrap_or(e.path());
                        let in_project = prefix.join(below);
                        push(files, walked(e.into_path(), in_project));
                    }
                    Ok(_) => {}
                    Err(e) => push(errors, walk_error(root, &e)),
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

fn push<T>(into: &Mutex<Vec<T>>, item: T) {
    into.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(item);
}

fn walked(path: PathBuf, in_project: PathBuf) -> Walked {
    Walked {
        display: display_path(&path),
        path,
        in_project,
    }
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
