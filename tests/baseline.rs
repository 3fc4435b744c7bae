//! Baselines over every format: record the findings of the format fixtures,
//! see none on the next run, see only a new one when it appears, and a
//! stale warning when a recorded one is fixed.

mod common;

use std::fs;
use std::process::Output;

use common::root;

fn run(dir: &std::path::Path, args: &[&str]) -> Output {
    common::command()
        .current_dir(dir)
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("termlint runs")
}

#[test]
fn baseline_over_every_format() {
    let dir = std::env::temp_dir().join(format!("termlint-baseline-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(root().join("glossary.toml"), dir.join("glossary.toml")).unwrap();
    let files = [
        "speech.md",
        "speech.en-ru.xlf",
        "page.html",
        "speech.docx",
        "messages.po",
    ];
    for f in &files[..4] {
        fs::copy(root().join("fixtures/formats").join(f), dir.join(f)).unwrap();
    }
    fs::copy(
        root().join("tests/cmd/suppress.in/messages.po"),
        dir.join("messages.po"),
    )
    .unwrap();

    let written = run(&dir, &["check", ".", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0));
    let baseline: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("baseline.json")).unwrap()).unwrap();
    let paths: std::collections::BTreeSet<&str> = baseline["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths.len(),
        files.len(),
        "every format has recorded findings: {paths:?}"
    );

    let clean = run(&dir, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    assert!(String::from_utf8_lossy(&clean.stdout).starts_with("No findings in 5 files."));

    // A new finding in Markdown is reported; a fixed one in HTML is stale.
    let md = fs::read_to_string(dir.join("speech.md")).unwrap() + "\nThe Alyat Port again.\n";
    fs::write(dir.join("speech.md"), md).unwrap();
    let html = fs::read_to_string(dir.join("page.html")).unwrap().replace(
        "Alat International Trade Port",
        "Alat International Trade Seaport",
    );
    fs::write(dir.join("page.html"), html).unwrap();
    let after = run(&dir, &["check", ".", "--baseline", "baseline.json"]);
    let stdout = String::from_utf8_lossy(&after.stdout);
    let stderr = String::from_utf8_lossy(&after.stderr);
    assert_eq!(after.status.code(), Some(1), "{stdout}");
    assert_eq!(stdout.matches("error[forbidden]").count(), 1, "{stdout}");
    assert!(
        stdout.contains("speech.md:") && stdout.contains("\"Alyat Port\""),
        "{stdout}"
    );
    assert!(
        stderr.contains("page.html: baseline entry forbidden alat-port \"Alat International Trade Port\" (1 finding) no longer occurs"),
        "{stderr}"
    );
    fs::remove_dir_all(&dir).unwrap();
}
