//! Command-line cases: `tests/cmd/*.toml` (each with its stdout/stderr
//! snapshot and, where it needs files, a `<case>.in/` folder) and every
//! `console` example in the README. Update snapshots with
//! `TRYCMD=overwrite cargo test --test cli` and review the diff.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.toml")
        .case("README.md");
}
