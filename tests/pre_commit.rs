//! termlint as a pre-commit hook, end to end: `pre-commit try-repo` on this
//! repository builds termlint with cargo from `.pre-commit-hooks.yaml` (the
//! way users' pre-commit will) and runs it on a scratch repository's staged
//! documents. `.ci/run` installs pre-commit from PyPI; under a bare `cargo
//! test` without it the test says so and skips.
//!
//! The hook environment is cached under `target/pre-commit-home`, so only
//! the first run pays for the build.

// Helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{root, scratch};

fn pre_commit() -> Option<String> {
    let candidates = [
        std::env::var("TERMLINT_PRE_COMMIT").ok(),
        Some("pre-commit".to_owned()),
        Some(
            root()
                .join("target/ci-venv/bin/pre-commit")
                .display()
                .to_string(),
        ),
    ];
    candidates.into_iter().flatten().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh git repository in a scratch folder.
fn repo(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    git(&dir, &["init", "-q"]);
    git(&dir, &["config", "user.email", "test@example.invalid"]);
    git(&dir, &["config", "user.name", "termlint test"]);
    dir
}

fn try_repo(pre_commit: &str, dir: &Path) -> Output {
    try_repo_on(pre_commit, dir, &["--all-files"])
}

fn try_repo_on(pre_commit: &str, dir: &Path, which: &[&str]) -> Output {
    Command::new(pre_commit)
        .current_dir(dir)
        .args(["try-repo", &root().display().to_string(), "termlint"])
        .args(which)
        .args(["--color", "never"])
        .env("PRE_COMMIT_HOME", root().join("target/pre-commit-home"))
        .env("TERMLINT_DICPATH", "")
        // The hook's `cargo install` is a release build from scratch; the
        // test checks that the hook works, not how fast the binary runs, so
        // it builds unoptimised into a target folder kept between runs.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "64")
        .env("CARGO_TARGET_DIR", root().join("target/pre-commit-target"))
        .output()
        .unwrap()
}

#[test]
fn pre_commit_hook_fails_on_a_forbidden_name_and_passes_when_fixed() {
    let Some(pre_commit) = pre_commit() else {
        println!("note: pre-commit is not installed (`pip install pre-commit`); the pre-commit hook test is skipped. .ci/run installs it.");
        return;
    };
    let dir = repo("pre-commit");
    std::fs::write(
        dir.join("glossary.toml"),
        "version = 1\n\n[[term]]\nid = \"birlestik-2024\"\ncategory = \"event\"\nen = { preferred = \"Birlestik-2024\", forbidden = [\"Birlistik-2024\"] }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("speech.md"),
        "# Speech\n\nThe Birlistik-2024 exercise.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("notes.rs"),
        "// Birlistik-2024 in code is not a document\n",
    )
    .unwrap();
    git(&dir, &["add", "."]);

    let out = try_repo(&pre_commit, &dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("termlint") && stdout.contains("Failed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error[forbidden]: \"Birlistik-2024\" is a forbidden rendering"),
        "{stdout}"
    );
    assert!(stdout.contains("speech.md:3:5"), "{stdout}");
    assert!(!stdout.contains("notes.rs"), "{stdout}");

    std::fs::write(
        dir.join("speech.md"),
        "# Speech\n\nThe Birlestik-2024 exercise.\n",
    )
    .unwrap();
    git(&dir, &["add", "."]);
    let out = try_repo(&pre_commit, &dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Passed"), "{stdout}");
}

/// A hook passes only the changed files; the set rules still see the
/// translation's source, read from disk (issue 22).
#[test]
fn pre_commit_on_one_changed_translation_still_compares_it_with_its_source() {
    let Some(pre_commit) = pre_commit() else {
        println!("note: pre-commit is not installed (`pip install pre-commit`); the pre-commit hook test is skipped. .ci/run installs it.");
        return;
    };
    let dir = repo("pre-commit-set");
    std::fs::write(
        dir.join("glossary.toml"),
        // Warnings do not fail a commit; this team makes missing names errors.
        "[rules]\nmissing-translation = \"error\"\n\n[[term]]\nid = \"kazakhstan\"\ncategory = \"place\"\nen = \"Kazakhstan\"\nru = \"Казахстан\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("speech.en.md"),
        "Astana is the capital of Kazakhstan.\n",
    )
    .unwrap();
    std::fs::write(dir.join("speech.ru.md"), "Астана — столица Казахстана.\n").unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "speech"]);
    // The translator drops the name, and commits only the translation.
    std::fs::write(dir.join("speech.ru.md"), "Астана — столица.\n").unwrap();
    git(&dir, &["add", "speech.ru.md"]);
    let out = try_repo_on(&pre_commit, &dir, &["--files", "speech.ru.md"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("error[missing-translation]: \"Kazakhstan\" (place), named in speech.en.md, has no rendering in this ru translation"),
        "{stdout}"
    );
    assert!(
        stdout.contains("speech.en.md:1:26: the source names"),
        "{stdout}"
    );
    assert!(stdout.contains("in 1 file"), "{stdout}");
}
