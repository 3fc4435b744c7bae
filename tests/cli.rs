//! Command-line cases: `tests/cmd/*.toml` (each with its stdout/stderr
//! snapshot and, where it needs files, a `<case>.in/` folder) and every
//! `console` example in the README. Update snapshots with
//! `TRYCMD=overwrite cargo test --test cli` and review the diff.

#[test]
fn cli() {
    // Only the bundled English list and dictionaries a glossary names:
    // the examples read the same on every machine.
    trycmd::TestCases::new()
        .env("TERMLINT_DICPATH", "")
        .case("tests/cmd/*.toml")
        .case("README.md");
}
