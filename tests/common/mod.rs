//! Helpers shared by the integration tests: run the binary, compare with a
//! snapshot file (`SNAPSHOTS=overwrite` rewrites it).

#![allow(dead_code)] // Each test binary uses a different part.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The termlint binary, with only the dictionaries a glossary names and
/// the bundled English list (`TERMLINT_DICPATH` empty): results that do
/// not depend on the Hunspell dictionaries the machine has. The tests of
/// dictionaries (`tests/dictionaries.rs`) use the installed ones. No
/// dictionary answers are kept (`TERMLINT_CACHE_DIR` empty): a test
/// leaves nothing in the user's cache, and each reads its dictionaries.
pub(crate) fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_termlint"));
    command.env("TERMLINT_DICPATH", "");
    command.env("TERMLINT_CACHE_DIR", "");
    command
}

/// Runs termlint from the repository root.
pub(crate) fn termlint(args: &[&str]) -> Output {
    command()
        .current_dir(root())
        .args(args)
        .output()
        .expect("termlint runs")
}

pub(crate) fn snapshot_path(name: &str) -> PathBuf {
    root().join("tests/snapshots").join(name)
}

/// `actual` equals the snapshot `tests/snapshots/<name>`.
pub(crate) fn assert_snapshot(name: &str, actual: &str) {
    let expected = snapbox::Data::read_from(&snapshot_path(name), None);
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .eq(actual.to_owned(), expected);
}

/// A fresh, empty scratch folder for one test. Its name ends in the test
/// process's id; folders of the same name left by runs whose process is
/// gone are removed first, so failed or interrupted runs do not pile up in
/// the temporary folder (a passing test removes its own where it can).
pub(crate) fn scratch(name: &str) -> PathBuf {
    let prefix = format!("termlint-{name}-");
    let ours = std::process::id().to_string();
    if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
        for entry in entries.flatten() {
            let file = entry.file_name();
            let Some(pid) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
                continue;
            };
            let gone = pid != ours
                && !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && !Path::new("/proc").join(pid).exists();
            if gone && Path::new("/proc/self").exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("{prefix}{ours}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs termlint in `dir`.
pub(crate) fn termlint_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("termlint runs")
}
