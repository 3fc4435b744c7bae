//! The JSON contract (SPEC §4), checked with types of the test's own: a field
//! added, renamed or dropped in `report/json.rs` fails here even if the
//! library's own types agree with themselves.

use std::path::Path;

use serde::Deserialize;

mod common;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    version: u32,
    findings: Vec<Finding>,
    summary: Summary,
    /// Present only when some file has a note.
    #[serde(default)]
    notes: Vec<Note>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    path: String,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Fields are read through Debug and the contract's shape.
struct Finding {
    rule: String,
    severity: String,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    found: String,
    term: String,
    language: String,
    expected: Option<String>,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    /// Files a walk passed over; present only when some were.
    #[serde(default)]
    skipped: usize,
    /// Paths that could not be checked; present only when some could not.
    #[serde(default)]
    failed: usize,
    /// Directives that silenced nothing; present only when some did.
    #[serde(default)]
    unused_directives: usize,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn termlint(dir: &Path, args: &[&str]) -> (Report, i32) {
    let out = common::command()
        .current_dir(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("termlint runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not the JSON contract: {e}\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (report, out.status.code().expect("exit code"))
}

/// 1-based line and column in scalar values, computed here independently.
fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..]
        .trim_start_matches('\u{FEFF}')
        .chars()
        .count()
        + 1;
    (before.matches('\n').count() + 1, column)
}

/// Every forbidden English rendering of the bundled glossary that occurs in
/// the news report (found here by plain substring search) is reported with
/// the right line, column and byte range, and nothing else is forbidden.
#[test]
fn every_forbidden_rendering_in_the_news_report_is_found_exactly() {
    let glossary: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("glossary.toml")).unwrap()).unwrap();
    let news = std::fs::read_to_string(root().join("fixtures/seeds/news-report.txt")).unwrap();
    let mut expected = Vec::new();
    for term in glossary["term"].as_array().unwrap() {
        let Some(forbidden) = term
            .get("en")
            .and_then(|en| en.get("forbidden"))
            .and_then(|f| f.as_array())
        else {
            continue;
        };
        for f in forbidden.iter().map(|f| f.as_str().unwrap()) {
            for (start, _) in news.match_indices(f) {
                expected.push((
                    start,
                    start + f.len(),
                    f.to_owned(),
                    term["id"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    expected.sort();
    assert_eq!(
        expected.len(),
        2,
        "the news report has two forbidden renderings: {expected:?}"
    );

    let (report, code) = termlint(
        root(),
        &["check", "fixtures/seeds", "--select", "forbidden"],
    );
    assert_eq!(code, 1);
    let got: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.byte_start, f.byte_end, f.found.clone(), f.term.clone()))
        .collect();
    assert_eq!(got, expected);
    for f in &report.findings {
        assert_eq!(f.path, "fixtures/seeds/news-report.txt");
        assert_eq!((f.line, f.column), line_col(&news, f.byte_start));
        assert_eq!((f.end_line, f.end_column), line_col(&news, f.byte_end));
        assert_eq!(&news[f.byte_start..f.byte_end], f.found);
        assert_eq!(
            (f.rule.as_str(), f.severity.as_str(), f.language.as_str()),
            ("forbidden", "error", "en")
        );
    }
    assert_eq!(
        report.findings[0].expected.as_deref(),
        Some("Birlestik-2024")
    );
    assert_eq!(
        report.findings[0].message,
        "\"Birlistik-2024\" is a forbidden rendering of Birlestik-2024 (event)"
    );
    let s = &report.summary;
    assert_eq!(
        (report.version, s.files, s.errors, s.warnings),
        (1, 2, 2, 0)
    );
}

/// Offsets count the BOM and CRLF as bytes; columns skip the BOM and are
/// not shifted by `\r`; a Cyrillic letter counts as one column.
#[test]
fn bom_crlf_and_multibyte_positions() {
    let dir = root().join("tests/cmd/bad-inputs.in");
    let (report, code) = termlint(&dir, &["check", "bom.txt", "crlf.txt"]);
    assert_eq!(code, 1);
    for f in &report.findings {
        let text = std::fs::read_to_string(dir.join(&f.path)).unwrap();
        assert_eq!(&text[f.byte_start..f.byte_end], f.found);
        assert_eq!((f.line, f.column), line_col(&text, f.byte_start), "{f:?}");
    }
    let positions: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.path.as_str(), f.line, f.column, f.byte_start))
        .collect();
    assert_eq!(positions, [("bom.txt", 1, 1, 3), ("crlf.txt", 2, 17, 30)]);
}

/// A file that cannot be read is an error (exit 2) but the others are still
/// checked and reported in the same JSON document.
#[test]
fn an_unreadable_file_does_not_stop_the_others() {
    let dir = root().join("tests/cmd/bad-inputs.in");
    let (report, code) = termlint(&dir, &["check", "."]);
    assert_eq!(code, 2);
    assert_eq!(
        report.summary.files, 3,
        "bom.txt, crlf.txt and empty.txt are checked"
    );
    assert_eq!(report.summary.skipped, 1, "data.bin is not a document");
    assert_eq!(report.summary.failed, 1, "latin1.txt is not UTF-8");
    assert_eq!(report.summary.unused_directives, 0);
    assert_eq!(report.findings.len(), 2);
}

/// A note on a file (here: Cyrillic text checked as English, since nothing
/// names its language and it is too short to tell) is in the JSON too, with
/// its path; files without notes add no `notes` key.
#[test]
fn notes_are_part_of_the_json_report() {
    let (report, code) = termlint(&root().join("tests/cmd/issue21-detect.in"), &["check"]);
    assert_eq!(code, 1);
    let paths: Vec<&str> = report.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["memo.txt", "short.txt"], "{report:?}");
    assert!(
        report.notes[1].message.contains("Cyrillic script"),
        "{report:?}"
    );
    let out = common::command()
        .current_dir(root())
        .args(["check", "fixtures/seeds", "--format", "json"])
        .output()
        .expect("termlint runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\"notes\""));
}
