//! The CI output formats (`concise`, `github`, `rdjsonl`, `sarif`) and
//! `--fail-on`, on Cyrillic and Uzbek documents whose columns differ in every
//! unit: each format is checked line by line against positions computed here
//! independently, and the SARIF log against the official schema.

// Helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{scratch, termlint_in};

const GLOSSARY: &str = r#"version = 1

[defaults]
language = "ru"

[[term]]
id = "birlestik-2024"
category = "event"
ru = { preferred = "Бірлестік-2024", forbidden = ["Бирлестик-2024"] }

[[term]]
id = "uzbekistan"
category = "place"
ru = "Узбекистан"
uz = "Oʻzbekiston"
"#;

/// Russian: the forbidden name after 2-byte letters and a 4-byte emoji-free
/// astral letter, so characters, UTF-8 bytes and UTF-16 units all differ.
const RU: &str = "Вступление.\nУчения 𝔸 «Бирлестик-2024» прошли в Узбекистане.\n";
/// Uzbek: U+0027 where the glossary has U+02BB (a lookalike warning).
const UZ: &str = "Bu yil Oʻzbekiston va O'zbekiston.\n";

/// A repository: `.git`, the glossary, and the two documents, one in a
/// folder whose name needs escaping in every format.
fn repo(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::create_dir_all(dir.join("docs/ru/отчёт, черновик")).unwrap();
    std::fs::create_dir_all(dir.join("docs/uz")).unwrap();
    std::fs::write(dir.join("glossary.toml"), GLOSSARY).unwrap();
    std::fs::write(dir.join("docs/ru/отчёт, черновик/a.txt"), RU).unwrap();
    std::fs::write(dir.join("docs/uz/b.txt"), UZ).unwrap();
    dir
}

struct Expected {
    /// Path relative to `docs/`, where the tests run.
    path: &'static str,
    line: usize,
    /// Byte range in the file.
    range: std::ops::Range<usize>,
    severity: &'static str,
    rule: &'static str,
}

fn expected() -> Vec<Expected> {
    let ru = RU.find("Бирлестик").unwrap();
    let uz = UZ.find("O'z").unwrap();
    vec![
        Expected {
            path: "ru/отчёт, черновик/a.txt",
            line: 2,
            range: ru..ru + "Бирлестик-2024".len(),
            severity: "error",
            rule: "forbidden",
        },
        Expected {
            path: "uz/b.txt",
            line: 1,
            range: uz..uz + "O'zbekiston".len(),
            severity: "warning",
            rule: "lookalike",
        },
    ]
}

fn text_of(e: &Expected) -> &'static str {
    if e.rule == "forbidden" {
        RU
    } else {
        UZ
    }
}

/// 1-based column of byte `at` in `text`, counting with `width`.
fn column(text: &str, at: usize, width: fn(char) -> usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at].chars().map(width).sum::<usize>() + 1
}

fn chars(_: char) -> usize {
    1
}

fn stdout(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = termlint_in(dir, args);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn concise_is_one_line_per_finding_with_character_columns() {
    let dir = repo("concise");
    let (out, code) = stdout(&dir.join("docs"), &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let want: Vec<String> = expected()
        .iter()
        .map(|e| {
            let col = column(text_of(e), e.range.start, chars);
            format!("{}:{}:{col}: {} {} ", e.path, e.line, e.severity, e.rule)
        })
        .collect();
    assert_eq!(lines.len(), want.len(), "{out}");
    for (line, prefix) in lines.iter().zip(&want) {
        assert!(line.starts_with(prefix.as_str()), "{line:?} vs {prefix:?}");
    }
    // In characters, the Russian finding starts at column 11 ("Учения 𝔸 «" is 10).
    assert!(lines[0].starts_with("ru/отчёт, черновик/a.txt:2:11: error forbidden \""));
}

#[test]
fn github_annotations_use_repository_paths_utf16_columns_and_escapes() {
    let dir = repo("github");
    let (out, code) = stdout(&dir.join("docs"), &["check", "--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let e = expected();
    let utf16 = |e: &Expected| {
        let text = text_of(e);
        (
            column(text, e.range.start, char::len_utf16),
            column(text, e.range.end, char::len_utf16),
        )
    };
    let (c0, c1) = utf16(&e[0]);
    // "Учения 𝔸 «": 𝔸 is two UTF-16 units, so the column is 12, not 11.
    assert_eq!((c0, c1), (12, 26));
    assert_eq!(
        lines[0],
        format!(
            "::error file=docs/ru/отчёт%2C черновик/a.txt,line=2,endLine=2,col={c0},endColumn={c1},title=termlint forbidden::\"Бирлестик-2024\" is a forbidden rendering of Бірлестік-2024 (event)"
        )
    );
    let (c0, c1) = utf16(&e[1]);
    assert!(
        lines[1].starts_with(&format!(
            "::warning file=docs/uz/b.txt,line=1,endLine=1,col={c0},endColumn={c1},title=termlint lookalike::\"O'zbekiston\""
        )),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "termlint: 1 error and 1 warning in 2 files");
    assert_eq!(lines.len(), 3);
}

#[test]
fn github_output_caps_annotations_and_says_how_many_were_left_out() {
    let dir = repo("github-cap");
    // Warnings: "Узбекистaн" with a Latin "a".
    std::fs::write(
        dir.join("docs/ru/c.txt"),
        "Бирлестик-2024 50%\n".repeat(12) + &"Узбекистaн\n".repeat(3),
    )
    .unwrap();
    let (out, code) = stdout(&dir, &["check", "docs/ru/c.txt", "--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let count = |p: &str| lines.iter().filter(|l| l.starts_with(p)).count();
    assert_eq!(count("::error "), 10, "{out}");
    assert_eq!(count("::warning "), 3, "{out}");
    assert_eq!(count("docs/ru/c.txt:"), 2, "{out}");
    assert!(lines.contains(&"docs/ru/c.txt:11:1: error forbidden \"Бирлестик-2024\" is a forbidden rendering of Бірлестік-2024 (event)"), "{out}");
    assert!(
        lines[lines.len() - 2].starts_with("::notice title=termlint::2 more findings not shown"),
        "{out}"
    );
    assert_eq!(
        lines[lines.len() - 1],
        "termlint: 12 errors and 3 warnings in 1 file"
    );
}

#[test]
fn rdjsonl_is_reviewdog_diagnostics_with_byte_columns() {
    let dir = repo("rdjsonl");
    let (out, code) = stdout(&dir.join("docs"), &["check", "--format", "rdjsonl"]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    let e = expected();
    assert_eq!(lines.len(), e.len());
    for (d, e) in lines.iter().zip(&e) {
        let text = text_of(e);
        let bytes = |at| column(text, at, char::len_utf8);
        assert_eq!(d["location"]["path"], e.path);
        assert_eq!(d["location"]["range"]["start"]["line"], e.line);
        assert_eq!(
            d["location"]["range"]["start"]["column"],
            bytes(e.range.start)
        );
        assert_eq!(d["location"]["range"]["end"]["column"], bytes(e.range.end));
        assert_eq!(d["severity"], e.severity.to_uppercase());
        assert_eq!(d["code"]["value"], e.rule);
        assert_eq!(d["source"]["name"], "termlint");
    }
    // "Учения 𝔸 «" is 6×2 + 1 + 4 + 1 + 2 = 20 bytes: column 21.
    assert_eq!(lines[0]["location"]["range"]["start"]["column"], 21);
    assert_eq!(lines[0]["suggestions"][0]["text"], "Бірлестік-2024");
    assert_eq!(lines[1]["suggestions"][0]["text"], "Oʻzbekiston");
}

fn sarif(dir: &Path) -> serde_json::Value {
    let (out, code) = stdout(dir, &["check", "--format", "sarif"]);
    assert_eq!(code, 1);
    serde_json::from_str(&out).expect("SARIF is JSON")
}

/// The log is written a result at a time, in the form `serde_json` gives
/// the whole log pretty: with results, with none, with notes and with
/// related places.
#[test]
fn sarif_is_written_as_the_whole_log_would_be_pretty() {
    let dir = repo("sarif-stream");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("a.md"), "Nothing to see.\n").unwrap();
    let runs = [
        termlint_in(&dir.join("docs"), &["check", "--format", "sarif"]),
        termlint_in(&empty, &["check", "--format", "sarif"]),
        termlint_in(
            &common::root().join("tests/cmd/issue21-detect.in"),
            &["check", "--format", "sarif"],
        ),
        termlint_in(
            common::root(),
            &["check", "fixtures/seeds", "--format", "sarif"],
        ),
    ];
    for run in runs {
        let out = String::from_utf8(run.stdout).unwrap();
        let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
        assert_eq!(out, serde_json::to_string_pretty(&log).unwrap() + "\n");
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let text = std::fs::read_to_string(common::root().join("tests/sarif/sarif-schema-2.1.0.json"))
        .unwrap();
    // The schema's two `language` patterns have a stray `]`, which ECMA-262 reads
    // as a literal and Rust's regex engines reject; escaping it keeps the
    // language the pattern accepts and leaves the vendored file untouched.
    let stray = r#"[a-zA-Z]{2}]?$"#;
    assert_eq!(text.matches(stray).count(), 2);
    let text = text.replace(stray, r#"[a-zA-Z]{2}\\]?$"#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the schema compiles: {e}"));
    let dir = repo("sarif");
    let log = sarif(&dir.join("docs"));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A log with notes (a language guessed against the text's script) too.
    let noted = termlint_in(
        &common::root().join("tests/cmd/issue21-detect.in"),
        &["check", "--format", "sarif"],
    );
    let noted: serde_json::Value = serde_json::from_slice(&noted.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&noted)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And one with related places (the seeds: cross-document folded into
    // the forbidden findings).
    let related = termlint_in(
        common::root(),
        &["check", "fixtures/seeds", "--format", "sarif"],
    );
    let related: serde_json::Value = serde_json::from_slice(&related.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&related)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let birlistik = related["runs"][0]["results"]
        .as_array()
        .and_then(|r| {
            r.iter().find(|r| {
                r["message"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("Birlistik"))
            })
        })
        .expect("the seeds report Birlistik-2024");
    let places = &birlistik["relatedLocations"][0];
    assert_eq!(
        places["physicalLocation"]["region"]["startLine"], 31,
        "{places}"
    );
    let notes = &noted["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().map(Vec::len), Some(2), "{notes}");
    // And the schema is not vacuous: a wrong columnKind fails it.
    let mut broken = log.clone();
    broken["runs"][0]["columnKind"] = "bytes".into();
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 8);
    assert!(rules.iter().all(|r| r["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("## What it finds")));
    let root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(root_uri.starts_with("file:///") && root_uri.ends_with('/'));

    let results = run["results"].as_array().unwrap();
    let e = expected();
    assert_eq!(results.len(), e.len());
    for (r, e) in results.iter().zip(&e) {
        assert_eq!(r["ruleId"], e.rule);
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            e.rule
        );
        assert_eq!(r["level"], e.severity);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let text = text_of(e);
        let region = &loc["region"];
        assert_eq!(region["startLine"], e.line);
        assert_eq!(
            region["startColumn"],
            column(text, e.range.start, char::len_utf16)
        );
        assert_eq!(
            region["endColumn"],
            column(text, e.range.end, char::len_utf16)
        );
        assert_eq!(region["byteOffset"], e.range.start);
        assert_eq!(region["byteLength"], e.range.len());
        assert_eq!(region["snippet"]["text"], &text[e.range.clone()]);
        assert_eq!(
            r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"],
            *region
        );
    }
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/ru/%D0%BE%D1%82%D1%87%D1%91%D1%82%2C%20%D1%87%D0%B5%D1%80%D0%BD%D0%BE%D0%B2%D0%B8%D0%BA/a.txt"
    );
}

#[test]
fn sarif_fingerprints_survive_moved_lines_and_tell_repeats_apart() {
    let dir = repo("sarif-fingerprints");
    let fingerprints = |log: &serde_json::Value| -> Vec<(String, u64)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["termlint/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = fingerprints(&sarif(&dir));
    std::fs::write(dir.join("docs/uz/b.txt"), format!("Yangi qator.\n\n{UZ}")).unwrap();
    let after = fingerprints(&sarif(&dir));
    assert_eq!(before[0], after[0]);
    assert_eq!(before[1].0, after[1].0, "same fingerprint after the move");
    assert_eq!((before[1].1, after[1].1), (1, 3), "but a new line");

    std::fs::write(dir.join("docs/uz/b.txt"), format!("{UZ}{UZ}")).unwrap();
    let twice = fingerprints(&sarif(&dir));
    assert_eq!(twice.len(), 3);
    assert_eq!(
        twice[1].0, before[1].0,
        "the first occurrence keeps its print"
    );
    assert_ne!(twice[1].0, twice[2].0, "a repeat gets its own");
}

/// `--fail-on` at every level against documents with nothing, only
/// warnings, and an error: exit 0 or 1 as SPEC §1 says, output unchanged.
#[test]
fn fail_on_every_level() {
    let dir = repo("fail-on");
    std::fs::write(dir.join("clean.txt"), "Узбекистан.\n").unwrap();
    let cases = [
        ("clean.txt", "error", 0),
        ("clean.txt", "warning", 0),
        ("clean.txt", "never", 0),
        ("docs/uz", "error", 0),
        ("docs/uz", "warning", 1),
        ("docs/uz", "never", 0),
        ("docs", "error", 1),
        ("docs", "warning", 1),
        ("docs", "never", 0),
    ];
    for (path, level, want) in cases {
        let out = termlint_in(
            &dir,
            &["check", path, "--fail-on", level, "--format", "concise"],
        );
        assert_eq!(
            out.status.code(),
            Some(want),
            "{path} --fail-on {level}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let findings = String::from_utf8_lossy(&out.stdout).lines().count();
        let expected = match path {
            "clean.txt" => 0,
            "docs/uz" => 1,
            _ => 2,
        };
        assert_eq!(findings, expected, "{path} --fail-on {level}");
    }
    // A bad glossary still exits 2 under --fail-on never.
    std::fs::write(dir.join("glossary.toml"), "version = [").unwrap();
    let out = termlint_in(&dir, &["check", "docs", "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `--format gitlab` is GitLab's Code Quality report: valid against the
/// documented format, paths from the repository root, character columns,
/// and fingerprints unique per finding.
#[test]
fn gitlab_code_quality_follows_the_documented_format() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/gitlab/codequality.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft7::options()
        .build(&schema)
        .unwrap_or_else(|e| panic!("the schema compiles: {e}"));
    let dir = repo("gitlab");
    let (out, code) = stdout(&dir.join("docs"), &["check", "--format", "gitlab"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let issues = report.as_array().unwrap();
    let e = expected();
    assert_eq!(issues.len(), e.len());
    for (issue, e) in issues.iter().zip(&e) {
        let text = text_of(e);
        assert_eq!(issue["location"]["path"], format!("docs/{}", e.path));
        assert_eq!(issue["location"]["positions"]["begin"]["line"], e.line);
        assert_eq!(
            issue["location"]["positions"]["begin"]["column"],
            column(text, e.range.start, chars)
        );
        assert_eq!(issue["check_name"], e.rule);
        let severity = if e.severity == "error" {
            "major"
        } else {
            "minor"
        };
        assert_eq!(issue["severity"], severity);
    }
    assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
    // The same findings in SARIF carry the same fingerprints.
    let log = sarif(&dir.join("docs"));
    assert_eq!(
        log["runs"][0]["results"][0]["partialFingerprints"]["termlint/v1"],
        issues[0]["fingerprint"]
    );
    // No finding: an empty array, which GitLab reads as "no issues".
    std::fs::write(dir.join("docs/ru/отчёт, черновик/a.txt"), "Чисто.\n").unwrap();
    std::fs::write(dir.join("docs/uz/b.txt"), "Toza.\n").unwrap();
    let (out, code) = stdout(&dir.join("docs"), &["check", "--format", "gitlab"]);
    assert_eq!((out.as_str(), code), ("[]\n", 0));
}
