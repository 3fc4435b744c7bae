//! Tests about the project itself: every rule has its documentation page with
//! the fixed headings, a fixture folder with firing and silent cases, a row in
//! the README's rule table and a snapshot; no page or snapshot outlives its
//! rule; every message follows the conventions (lowercase start or a quote,
//! no trailing period).

mod common;

use std::collections::BTreeSet;

use common::{root, termlint};
use termlint::rules::Rule;

const HEADINGS: [&str; 5] = [
    "## What it finds",
    "## Why it matters",
    "## Example",
    "## Fix",
    "## Configuration",
];

fn names_in(dir: &str, suffix: &str) -> BTreeSet<String> {
    std::fs::read_dir(root().join(dir))
        .expect("readable folder")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name")
        })
        .filter_map(|n| n.strip_suffix(suffix).map(str::to_owned))
        .collect()
}

fn codes() -> BTreeSet<String> {
    Rule::ALL.iter().map(|r| r.code().to_owned()).collect()
}

#[test]
fn every_rule_has_a_doc_page_with_the_fixed_headings() {
    for rule in Rule::ALL {
        let mut at = 0;
        for heading in HEADINGS {
            let found = rule.doc()[at..].find(heading);
            assert!(
                found.is_some(),
                "docs/rules/{}.md lacks `{heading}` (in order)",
                rule.code()
            );
            at += found.unwrap();
        }
    }
    assert_eq!(
        names_in("docs/rules", ".md"),
        codes(),
        "docs/rules/ has a page per rule and nothing else"
    );
}

#[test]
fn every_rule_has_fixtures_that_fire_and_stay_silent() {
    for rule in Rule::ALL {
        let names = names_in(&format!("fixtures/rules/{}", rule.code()), "");
        assert!(names.contains("glossary.toml"), "{rule}: no glossary.toml");
        assert!(
            names.iter().any(|n| n.starts_with("fires")),
            "{rule}: no fires* fixture"
        );
        assert!(
            names.iter().any(|n| n.starts_with("silent")),
            "{rule}: no silent* fixture"
        );
    }
    assert_eq!(names_in("fixtures/rules", ""), codes());
}

#[test]
fn every_rule_has_a_readme_row_and_nothing_stale_remains() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for rule in Rule::ALL {
        let row = format!("| `{}` | {} |", rule.code(), rule.default_severity());
        assert!(readme.contains(&row), "README lacks the row `{row}`");
    }
    assert_eq!(
        names_in("tests/snapshots/rules", ".txt"),
        codes(),
        "no stale rule snapshots"
    );
}

#[test]
fn messages_follow_the_conventions() {
    for rule in Rule::ALL {
        let dir = format!("fixtures/rules/{}", rule.code());
        let glossary = format!("{dir}/glossary.toml");
        let out = termlint(&["check", &dir, "--glossary", &glossary, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for f in json["findings"].as_array().unwrap() {
            let m = f["message"].as_str().unwrap();
            let first = m.chars().next().unwrap();
            assert!(
                first == '"' || first.is_lowercase(),
                "message starts badly: {m}"
            );
            assert!(!m.ends_with('.'), "message ends with a period: {m}");
        }
    }
}

/// Every snapshot file is read by some test: none outlives its test.
#[test]
fn no_snapshot_is_stale() {
    let tests: String = std::fs::read_dir(root().join("tests"))
        .expect("tests folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| std::fs::read_to_string(p).expect("test source"))
        .collect();
    for dir in ["fix"] {
        for name in names_in(&format!("tests/snapshots/{dir}"), "") {
            let reference = format!("\"{dir}/{name}\"");
            assert!(
                tests.contains(&reference),
                "tests/snapshots/{dir}/{name} is read by no test"
            );
        }
    }
    assert!(
        tests.contains("\"seeds.json\""),
        "tests/snapshots/seeds.json is read by no test"
    );
}

/// The README's glossary example is a valid glossary: every key it shows
/// (`[files]` included) is one termlint reads.
#[test]
fn the_readme_glossary_example_loads() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## The glossary").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let toml = &section[start..start + section[start..].find("```").unwrap()];
    let glossary = termlint::glossary::Glossary::from_str(toml, std::path::Path::new("README"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(glossary.files.exclude.is_some() && glossary.files.include.is_some());
    assert_eq!(glossary.files.include_states, ["fuzzy"]);
}

/// The pre-commit hook passes exactly the files a walk checks: its `files`
/// pattern lists every document extension termlint reads, and no other.
#[test]
fn the_pre_commit_hook_lists_every_document_format() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap_or_default();
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("a files pattern");
    let listed: BTreeSet<&str> = files
        // Case-insensitive, as termlint reads `NOTES.MD`.
        .strip_prefix(r"(?i)\.(")
        .and_then(|f| f.strip_suffix(")$"))
        .expect("the pattern is (?i)\\.(a|b|…)$")
        .split('|')
        .collect();
    let read: BTreeSet<&str> = termlint::scan::EXTENSIONS.iter().map(|(e, _)| *e).collect();
    assert_eq!(listed, read);
}

/// The composite action pins every action it uses by commit (a tag can be
/// moved), builds termlint only on a cache miss, and never uploads SARIF
/// after termlint failed to run.
#[test]
fn the_github_action_pins_what_it_uses_and_caches_the_build() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap_or_default();
    let uses: Vec<&str> = action
        .lines()
        .filter_map(|l| l.trim().strip_prefix("uses: "))
        .collect();
    assert_eq!(uses.len(), 3, "{uses:?}");
    for u in &uses {
        let sha = u
            .split('@')
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or("");
        assert!(
            sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "{u} is not pinned by commit"
        );
    }
    assert!(action.contains("if: steps.cache.outputs.cache-hit != 'true'"));
    assert!(action.contains(r#"if [ "$code" = 2 ]; then"#));
    assert!(!action
        .contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\" --root \"$RUNNER_TEMP"));
}
