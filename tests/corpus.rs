//! The bundled example, whole: the seed set checked against the bundled
//! glossary, snapshotted as JSON. Any change in what termlint finds on the
//! real texts shows up here for review.

mod common;

use common::{assert_snapshot, termlint};

#[test]
fn seed_set_findings() {
    let out = termlint(&["check", "fixtures/seeds", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_snapshot("seeds.json", &String::from_utf8(out.stdout).unwrap());
}

/// The official transcript defines the preferred spellings: it must not
/// contradict its own glossary.
#[test]
fn official_transcript_is_clean() {
    let out = termlint(&["check", "fixtures/seeds/official-transcript.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Long English texts that name nothing in the glossary (two licences,
/// 46 KB) produce no finding at all, near-miss included: precision first.
#[test]
fn clean_english_text_has_no_findings() {
    let out = termlint(&["check", "fixtures/clean", "--glossary", "glossary.toml"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("No findings in 2 files."), "{stdout}");
}

/// The news report's misspelling is found even when the glossary does not
/// list it as forbidden.
#[test]
fn unlisted_misspelling_in_the_seeds_is_a_near_miss() {
    let glossary = std::fs::read_to_string(common::root().join("glossary.toml")).unwrap();
    let unlisted = glossary.replace(", forbidden = [\"Birlistik-2024\"]", "");
    assert_ne!(
        glossary, unlisted,
        "the bundled glossary lists Birlistik-2024"
    );
    let dir = std::env::temp_dir().join(format!("termlint-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("glossary.toml");
    std::fs::write(&path, unlisted).unwrap();
    let out = termlint(&[
        "check",
        "fixtures/seeds",
        "--glossary",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let near: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "near-miss")
        .map(|f| {
            (
                f["found"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(near, [("Birlistik-2024", "Birlestik-2024", 3)]);
}
