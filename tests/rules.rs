//! Each rule over its fixture folder, `fixtures/rules/<rule>/`: files named
//! `fires*` must produce that rule's findings, files named `silent*` must
//! produce no finding at all, and the whole human output is snapshotted in
//! `tests/snapshots/rules/<rule>.txt`.

mod common;

use common::{assert_snapshot, root, termlint};
use termlint::rules::Rule;

fn fixture_files(rule: Rule) -> Vec<String> {
    let dir = root().join("fixtures/rules").join(rule.code());
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name")
        })
        .filter(|n| n != "glossary.toml")
        .collect();
    files.sort();
    files
}

fn check(rule: Rule, file: &str, extra: &[&str]) -> (String, i32) {
    let dir = format!("fixtures/rules/{}", rule.code());
    let glossary = format!("{dir}/glossary.toml");
    let path = format!("{dir}/{file}");
    let mut args = vec![
        "check",
        &path,
        "--glossary",
        &glossary,
        "--color",
        "never",
        "--fail-on",
        "never",
    ];
    args.extend(extra);
    let out = termlint(&args);
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.code().expect("exit code"),
    )
}

#[test]
fn firing_fixtures_fire_their_rule() {
    for rule in Rule::ALL {
        for file in fixture_files(rule)
            .iter()
            .filter(|f| f.starts_with("fires"))
        {
            let (out, code) = check(rule, file, &["--select", rule.code()]);
            assert_eq!(code, 0);
            assert!(
                out.contains(&format!("[{}]", rule.code())),
                "{rule}: {file} did not fire:\n{out}"
            );
        }
    }
}

#[test]
fn silent_fixtures_stay_silent() {
    for rule in Rule::ALL {
        for file in fixture_files(rule)
            .iter()
            .filter(|f| f.starts_with("silent"))
        {
            let (out, _) = check(rule, file, &[]);
            assert!(
                out.starts_with("No findings"),
                "{rule}: {file} is not silent:\n{out}"
            );
        }
    }
}

#[test]
fn rule_fixture_output_matches_snapshots() {
    for rule in Rule::ALL {
        let dir = format!("fixtures/rules/{}", rule.code());
        let glossary = format!("{dir}/glossary.toml");
        let out = termlint(&["check", &dir, "--glossary", &glossary, "--color", "never"]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert_snapshot(&format!("rules/{}.txt", rule.code()), &text);
    }
}
